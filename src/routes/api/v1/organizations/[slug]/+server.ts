import { getOrganization } from '$lib/server/api/organizations';
import { apiFallback, apiGet, apiOptions } from '$lib/server/web/api-route';

export const GET = apiGet(getOrganization);
export const OPTIONS = apiOptions;
export const fallback = apiFallback;
