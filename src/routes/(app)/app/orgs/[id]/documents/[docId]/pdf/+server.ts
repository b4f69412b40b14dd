import { cabinetDocumentFileResponse } from '$lib/server/web/rendered-file';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => cabinetDocumentFileResponse(event, 'pdf');
