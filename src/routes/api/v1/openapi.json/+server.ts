import { getOpenApiDocument } from '$lib/server/api/openapi';
import { apiFallback, apiGet, apiOptions } from '$lib/server/web/api-route';

export const GET = apiGet(getOpenApiDocument);
export const OPTIONS = apiOptions;
export const fallback = apiFallback;
