import { publicActFileResponse } from '$lib/server/web/rendered-file';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => publicActFileResponse(params, 'odt');
