import { listOrganizations } from '$lib/server/api/organizations';
import { apiFallback, apiGet, apiOptions } from '$lib/server/web/api-route';

export const GET = apiGet(listOrganizations);
export const OPTIONS = apiOptions;
export const fallback = apiFallback;
