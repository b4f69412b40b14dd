import { apiNotFound, apiOptions } from '$lib/server/web/api-route';

// Problem details, not the portal's HTML 404, for any address under /api/v1 that is not an endpoint.
export const GET = apiNotFound;
export const OPTIONS = apiOptions;
export const fallback = apiNotFound;
