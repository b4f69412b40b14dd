// The part of OpenAPI 3.1 this API's description uses, so the document is checked by the compiler as it is written.

/** A JSON Schema 2020-12 object (OpenAPI 3.1's dialect). */
export type SchemaObject = Record<string, unknown>;

export interface ParameterObject {
	name: string;
	in: 'query' | 'path' | 'header';
	description: string;
	required: boolean;
	schema: SchemaObject;
}

export interface HeaderObject {
	description: string;
	schema: SchemaObject;
}

export interface ResponseObject {
	description: string;
	headers?: Record<string, HeaderObject | { $ref: string }>;
	content?: Record<string, { schema: SchemaObject }>;
}

export interface OperationObject {
	operationId: string;
	summary: string;
	description: string;
	tags: string[];
	parameters: (ParameterObject | { $ref: string })[];
	responses: Record<string, ResponseObject | { $ref: string }>;
}

export interface PathItemObject {
	get: OperationObject;
}

export interface OpenApiDocument {
	openapi: '3.1.0';
	jsonSchemaDialect: string;
	info: { title: string; version: string; description: string };
	servers: { url: string; description: string }[];
	tags: { name: string; description: string }[];
	paths: Record<string, PathItemObject>;
	components: {
		schemas: Record<string, SchemaObject>;
		parameters: Record<string, ParameterObject>;
		headers: Record<string, HeaderObject>;
		responses: Record<string, ResponseObject>;
	};
}

export const ref = (kind: 'schemas' | 'parameters' | 'headers' | 'responses', name: string) => ({
	$ref: `#/components/${kind}/${name}`
});
