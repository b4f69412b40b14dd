import { listDiscussions } from '$lib/server/api/discussions';
import { apiFallback, apiGet, apiOptions } from '$lib/server/web/api-route';

export const GET = apiGet(listDiscussions);
export const OPTIONS = apiOptions;
export const fallback = apiFallback;
