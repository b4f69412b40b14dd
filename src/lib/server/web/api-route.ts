import type { RequestHandler } from '@sveltejs/kit';
import { database } from '../db/runtime';
import { answerApi, methodNotAllowed, notFound, preflight, type Endpoint } from '../api/http';

/** A route of the open API: the endpoint's business code answered by the API's HTTP layer. */
export const apiGet =
	(endpoint: Endpoint): RequestHandler =>
	({ request, url, params, getClientAddress }) =>
		answerApi(endpoint, {
			db: database(),
			request,
			url,
			params: params as Record<string, string>,
			address: getClientAddress()
		});

export const apiOptions: RequestHandler = () => preflight();
export const apiFallback: RequestHandler = ({ url }) => methodNotAllowed(url);
export const apiNotFound: RequestHandler = ({ url }) => notFound(url);
