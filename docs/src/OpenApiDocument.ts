/** JsonSchema is the part of an OpenAPI 3.1 (JSON Schema 2020-12) schema the API reference reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  default?: unknown;
  example?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
}

/** OpenApiReference is a `$ref` where OpenAPI allows one in place of a parameter, body or response. */
export interface OpenApiReference {
  $ref: string;
}

/** OpenApiParameter is one path, query, header or cookie parameter of an operation. */
export interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

/** OpenApiMediaTypes maps a content type to the schema of a body in it. */
export type OpenApiMediaTypes = Record<string, { schema?: JsonSchema; example?: unknown }>;

/** OpenApiOperation is one method of one path. */
export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  security?: Record<string, string[]>[];
  parameters?: (OpenApiParameter | OpenApiReference)[];
  requestBody?: { description?: string; required?: boolean; content?: OpenApiMediaTypes } | OpenApiReference;
  responses?: Record<string, { description?: string; content?: OpenApiMediaTypes } | OpenApiReference>;
}

/** OpenApiDocument is the part of an OpenAPI 3.x document the API reference page is built from. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    securitySchemes?: Record<
      string,
      { type?: string; scheme?: string; bearerFormat?: string; description?: string }
    >;
    parameters?: Record<string, OpenApiParameter>;
    requestBodies?: Record<string, unknown>;
    responses?: Record<string, unknown>;
  };
}
