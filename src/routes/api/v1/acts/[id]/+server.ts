import { getAct } from '$lib/server/api/acts';
import { apiFallback, apiGet, apiOptions } from '$lib/server/web/api-route';

export const GET = apiGet(getAct);
export const OPTIONS = apiOptions;
export const fallback = apiFallback;
