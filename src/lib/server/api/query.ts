import { problemDetails } from '../../api/labels';
import { SLUG_PATTERN } from '../orgs/validation';
import { badParam } from './problem';
import type { ParameterObject } from './openapi-types';

export const LIMIT_DEFAULT = 50;
export const LIMIT_MAX = 100;

/**
 * One query parameter of an endpoint: how it is read and how the OpenAPI document describes it, kept
 * together so that the document lists exactly the parameters the code accepts.
 */
export interface QueryParam<T> {
	description: string;
	schema: Record<string, unknown>;
	required?: boolean;
	/** The value, or throws a 400 naming the parameter. */
	parse(raw: string, name: string): T;
}

type Parsed<S extends Record<string, QueryParam<unknown>>> = {
	[K in keyof S]: S[K] extends QueryParam<infer T> ? T | undefined : never;
};

/**
 * The query read by `spec`: a parameter it does not know, one given twice or a missing required one
 * is a 400 naming it, so a misspelt filter never silently widens the list.
 */
export function parseQuery<S extends Record<string, QueryParam<unknown>>>(
	search: URLSearchParams,
	spec: S
): Parsed<S> {
	const seen = new Set<string>();
	for (const name of search.keys()) {
		if (!Object.hasOwn(spec, name))
			throw badParam(name.slice(0, 100), problemDetails.unknownParameter(name.slice(0, 100)));
		if (seen.has(name)) throw badParam(name, problemDetails.repeatedParameter(name));
		seen.add(name);
	}
	const out: Record<string, unknown> = {};
	for (const [name, param] of Object.entries(spec)) {
		const raw = search.get(name);
		if (raw === null) {
			if (param.required) throw badParam(name, problemDetails.missingParameter(name));
			continue;
		}
		out[name] = param.parse(raw, name);
	}
	return out as Parsed<S>;
}

/** The OpenAPI parameter objects of a query spec. */
export function queryParameters(spec: Record<string, QueryParam<unknown>>): ParameterObject[] {
	return Object.entries(spec).map(([name, p]) => ({
		name,
		in: 'query',
		description: p.description,
		required: p.required ?? false,
		schema: p.schema
	}));
}

export const slugParam = (description: string, required = false): QueryParam<string> => ({
	description,
	required,
	schema: { type: 'string', pattern: SLUG_PATTERN.source, maxLength: 100 },
	parse(raw, name) {
		if (raw.length > 100 || !SLUG_PATTERN.test(raw))
			throw badParam(name, problemDetails.badSlug(name));
		return raw;
	}
});

export const booleanParam = (description: string): QueryParam<boolean> => ({
	description,
	schema: { type: 'boolean' },
	parse(raw, name) {
		if (raw === 'true') return true;
		if (raw === 'false') return false;
		throw badParam(name, problemDetails.badBoolean(name));
	}
});

export const enumParam = <T extends string>(
	description: string,
	values: readonly T[]
): QueryParam<T> => ({
	description,
	schema: { type: 'string', enum: [...values] },
	parse(raw, name) {
		if (!(values as readonly string[]).includes(raw))
			throw badParam(name, problemDetails.badEnum(name, values));
		return raw as T;
	}
});

export const limitParam: QueryParam<number> = {
	description: `Сколько записей на странице: от 1 до ${LIMIT_MAX}, по умолчанию ${LIMIT_DEFAULT}.`,
	schema: { type: 'integer', minimum: 1, maximum: LIMIT_MAX, default: LIMIT_DEFAULT },
	parse(raw) {
		if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > LIMIT_MAX)
			throw badParam('limit', problemDetails.badLimit(LIMIT_MAX));
		return Number(raw);
	}
};

/** Read as given; the list decodes it against its own key (cursor.ts). */
export const cursorParam: QueryParam<string> = {
	description:
		'Непрозрачный курсор следующей страницы: берите его из ссылки `next` предыдущей страницы и не составляйте сами. Курсор действует только для того списка и тех фильтров, для которых выдан.',
	schema: { type: 'string', maxLength: 600 },
	parse: (raw) => raw
};
