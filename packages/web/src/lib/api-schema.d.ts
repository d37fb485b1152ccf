// Generated from the server's /api/v1/openapi.json by `npm run api-types -w packages/web`.
// Do not edit: change the server's route schemas and regenerate.
export interface paths {
    "/api/v1/admin/agent-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an agent; prints a generated password when none is given */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        password?: string;
                        /**
                         * @default agent
                         * @enum {string}
                         */
                        role?: "owner" | "admin" | "agent";
                        /** @description Tenant id, or its exact name */
                        tenant: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/bot-scheduling": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put the scheduling bot in front of every channel of a tenant (with default hours, a service and staff if none are set) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Tenant id, or its exact name */
                        tenant: string;
                        /** @default America/Sao_Paulo */
                        zone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/channel-add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Connect a WhatsApp number (Cloud API phone number id) to a tenant */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessToken?: string;
                        appSecret?: string;
                        displayPhoneNumber?: string;
                        name: string;
                        phoneNumberId: string;
                        /** @description Tenant id, or its exact name */
                        tenant: string;
                        verifyToken?: string;
                        wabaId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/migrate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply pending database migrations */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/quarantine-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** List quarantined webhook payloads (signed, but not routable or parseable) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        all?: boolean;
                        /** @default 50 */
                        limit?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/quarantine-replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Route quarantined payloads again (after adding a channel, or fixing a bug) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ids?: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queue-dead": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** List dead-lettered jobs */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 50 */
                        limit?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queue-replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put dead-lettered jobs back in their lanes (all of them, or the ids given) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queue-stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lanes, depth, age of the oldest job, and dead letters of the ingest queue */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tenant-create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a tenant (a business, or an agency client) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/tenant-list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** List tenants */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The agents of the caller's tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @enum {string} */
                                availability: "online" | "away" | "offline";
                                createdAt: string;
                                disabled: boolean;
                                email: string;
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "agent" | "bot";
                                teamIds: string[];
                                tenantId: string;
                            }[];
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Invite an agent (owners and admins); answers a generated password once when none is given */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        channelIds?: string[];
                        /** Format: email */
                        email: string;
                        name: string;
                        password?: string;
                        /**
                         * @default agent
                         * @enum {string}
                         */
                        role?: "owner" | "admin" | "agent";
                        /** @default [] */
                        teamIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent: {
                                /** @enum {string} */
                                availability: "online" | "away" | "offline";
                                createdAt: string;
                                disabled: boolean;
                                email: string;
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "agent" | "bot";
                                teamIds: string[];
                                tenantId: string;
                            };
                            password: string | null;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One agent */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            availability: "online" | "away" | "offline";
                            createdAt: string;
                            disabled: boolean;
                            email: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "agent" | "bot";
                            teamIds: string[];
                            tenantId: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, change the role of, disable or re-enable an agent; disabling ends the agent's sessions */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disabled?: boolean;
                        name?: string;
                        /** @enum {string} */
                        role?: "owner" | "admin" | "agent";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            availability: "online" | "away" | "offline";
                            createdAt: string;
                            disabled: boolean;
                            email: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "owner" | "admin" | "agent" | "bot";
                            teamIds: string[];
                            tenantId: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/agents/{id}/capacity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set an agent's capacity: the most open conversations automatic assignment gives them */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description null: unlimited */
                        maxOpen: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string;
                            maxOpen: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignment/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each agent's open conversations against their capacity (owners and admins) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agentId: string;
                                /** @enum {string} */
                                availability: "online" | "away" | "offline";
                                /** @description Global capacity; null: unlimited */
                                maxOpen: number | null;
                                name: string;
                                /** @description Open (not resolved) conversations assigned to the agent */
                                open: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/assignment/waiting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Conversations waiting for an agent, oldest first, with how long each has waited */
        get: {
            parameters: {
                query?: {
                    channelId?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                channelId: string;
                                conversationId: string;
                                reason: string;
                                since: string;
                                waitingSeconds: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Admin actions of your tenant, newest first (owners and admins) */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    limit?: number;
                    page?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actorId: string | null;
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                id: number;
                                target: string | null;
                            }[];
                            nextPage: string | null;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with email and password; sets the session cookie
         * @description Wrong passwords are limited per account and address (10 per 15 minutes) and per account (100 an hour); every address has 30 attempts a minute. Past a limit: 429 rate_limited with Retry-After. The answer carries the CSRF token that unsafe requests of this session send as x-csrf-token.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent: {
                                /** @enum {string} */
                                availability: "online" | "away" | "offline";
                                email: string;
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "agent" | "bot";
                                tenantId: string;
                            };
                            csrfToken: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bots of your tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agentId: string;
                                builtin: string | null;
                                channelIds: string[];
                                enabled: boolean;
                                handoffTeamId: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "builtin" | "webhook";
                                name: string;
                                webhookUrl: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a bot: built-in (e.g. "scheduling") or a webhook bot at your URL
         * @description The answer carries the bot’s API token and, for webhook bots, the secret that signs deliveries: both are shown once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        builtin: string;
                        config?: {
                            [key: string]: unknown;
                        };
                        handoffTeamId?: string | null;
                        /** @enum {string} */
                        kind: "builtin";
                        name: string;
                    } | {
                        handoffTeamId?: string | null;
                        /** @enum {string} */
                        kind: "webhook";
                        name: string;
                        /** Format: uri */
                        webhookUrl: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string;
                            id: string;
                            secret: string | null;
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/canned-responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Canned responses, by shortcode; prefix filters by the start of the shortcode */
        get: {
            parameters: {
                query?: {
                    prefix?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                body: string;
                                createdAt: string;
                                createdBy: string | null;
                                id: string;
                                shortcode: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a canned response (owners and admins) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        shortcode: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            createdAt: string;
                            createdBy: string | null;
                            id: string;
                            shortcode: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/canned-responses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One canned response */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            createdAt: string;
                            createdBy: string | null;
                            id: string;
                            shortcode: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a canned response (owners and admins) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a canned response (owners and admins) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body?: string;
                        shortcode?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            createdAt: string;
                            createdBy: string | null;
                            id: string;
                            shortcode: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The channels (WhatsApp numbers) you may see, with their webhook URLs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                displayPhoneNumber: string | null;
                                hasAccessToken: boolean;
                                hasAppSecret: boolean;
                                id: string;
                                memberAgentIds: string[];
                                memberTeamIds: string[];
                                name: string;
                                phoneNumberId: string;
                                verifyToken: string | null;
                                wabaId: string | null;
                                webhookUrl: string;
                            }[];
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Connect a WhatsApp number (owners and admins); a verify token is generated when none is given */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessToken?: string | null;
                        appSecret?: string | null;
                        displayPhoneNumber?: string | null;
                        name: string;
                        phoneNumberId: string;
                        verifyToken?: string | null;
                        wabaId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayPhoneNumber: string | null;
                            hasAccessToken: boolean;
                            hasAppSecret: boolean;
                            id: string;
                            memberAgentIds: string[];
                            memberTeamIds: string[];
                            name: string;
                            phoneNumberId: string;
                            verifyToken: string | null;
                            wabaId: string | null;
                            webhookUrl: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One channel */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayPhoneNumber: string | null;
                            hasAccessToken: boolean;
                            hasAppSecret: boolean;
                            id: string;
                            memberAgentIds: string[];
                            memberTeamIds: string[];
                            name: string;
                            phoneNumberId: string;
                            verifyToken: string | null;
                            wabaId: string | null;
                            webhookUrl: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a channel (owners and admins); null clears the access token or app secret */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessToken?: string | null;
                        appSecret?: string | null;
                        displayPhoneNumber?: string | null;
                        name?: string;
                        verifyToken?: string;
                        wabaId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayPhoneNumber: string | null;
                            hasAccessToken: boolean;
                            hasAppSecret: boolean;
                            id: string;
                            memberAgentIds: string[];
                            memberTeamIds: string[];
                            name: string;
                            phoneNumberId: string;
                            verifyToken: string | null;
                            wabaId: string | null;
                            webhookUrl: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/channels/{id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A channel's assignment rules, business hours and auto-reply (owners and admins) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Out of hours, conversations go to this team instead of waiting
                             * @default null
                             */
                            afterHoursTeamId: string | null;
                            /**
                             * @description Sent once per conversation per out-of-hours period
                             * @default null
                             */
                            autoReply: string | null;
                            /**
                             * @description null: always open
                             * @default null
                             */
                            businessHours: {
                                /** @default [] */
                                holidays: string[];
                                timeZone: string;
                                weekly: {
                                    [key: string]: {
                                        from: string;
                                        to: string;
                                    }[];
                                };
                            } | null;
                            /**
                             * @description An assignee offline this long gives their open conversations of this channel back; null: never
                             * @default null
                             */
                            giveBackAfterMinutes: number | null;
                            /**
                             * @description Capacity in this channel, beside each agent's global one; null: none
                             * @default null
                             */
                            maxOpenPerAgent: number | null;
                            /**
                             * @description Only agents whose live presence is online are chosen
                             * @default false
                             */
                            onlineOnly: boolean;
                            /**
                             * @description manual: nobody is chosen automatically
                             * @default manual
                             * @enum {string}
                             */
                            policy: "manual" | "round_robin" | "balanced";
                            /**
                             * @description A returning customer goes back to the agent who answered them within this many days; 0: off
                             * @default 0
                             */
                            stickyDays: number;
                        };
                    };
                };
            };
        };
        /** Replace a channel's assignment rules (owners and admins); absent fields take their defaults */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Out of hours, conversations go to this team instead of waiting
                         * @default null
                         */
                        afterHoursTeamId?: string | null;
                        /**
                         * @description Sent once per conversation per out-of-hours period
                         * @default null
                         */
                        autoReply?: string | null;
                        /**
                         * @description null: always open
                         * @default null
                         */
                        businessHours?: {
                            /** @default [] */
                            holidays?: string[];
                            timeZone: string;
                            weekly: {
                                [key: string]: {
                                    from: string;
                                    to: string;
                                }[];
                            };
                        } | null;
                        /**
                         * @description An assignee offline this long gives their open conversations of this channel back; null: never
                         * @default null
                         */
                        giveBackAfterMinutes?: number | null;
                        /**
                         * @description Capacity in this channel, beside each agent's global one; null: none
                         * @default null
                         */
                        maxOpenPerAgent?: number | null;
                        /**
                         * @description Only agents whose live presence is online are chosen
                         * @default false
                         */
                        onlineOnly?: boolean;
                        /**
                         * @description manual: nobody is chosen automatically
                         * @default manual
                         * @enum {string}
                         */
                        policy?: "manual" | "round_robin" | "balanced";
                        /**
                         * @description A returning customer goes back to the agent who answered them within this many days; 0: off
                         * @default 0
                         */
                        stickyDays?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description Out of hours, conversations go to this team instead of waiting
                             * @default null
                             */
                            afterHoursTeamId: string | null;
                            /**
                             * @description Sent once per conversation per out-of-hours period
                             * @default null
                             */
                            autoReply: string | null;
                            /**
                             * @description null: always open
                             * @default null
                             */
                            businessHours: {
                                /** @default [] */
                                holidays: string[];
                                timeZone: string;
                                weekly: {
                                    [key: string]: {
                                        from: string;
                                        to: string;
                                    }[];
                                };
                            } | null;
                            /**
                             * @description An assignee offline this long gives their open conversations of this channel back; null: never
                             * @default null
                             */
                            giveBackAfterMinutes: number | null;
                            /**
                             * @description Capacity in this channel, beside each agent's global one; null: none
                             * @default null
                             */
                            maxOpenPerAgent: number | null;
                            /**
                             * @description Only agents whose live presence is online are chosen
                             * @default false
                             */
                            onlineOnly: boolean;
                            /**
                             * @description manual: nobody is chosen automatically
                             * @default manual
                             * @enum {string}
                             */
                            policy: "manual" | "round_robin" | "balanced";
                            /**
                             * @description A returning customer goes back to the agent who answered them within this many days; 0: off
                             * @default 0
                             */
                            stickyDays: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/bot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Put a bot in front of a channel (new conversations go to it first), or take it away with null */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        botId: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace who sees a channel's conversations: agents directly, or every member of a team */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        agentIds?: string[];
                        /** @default [] */
                        teamIds?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            displayPhoneNumber: string | null;
                            hasAccessToken: boolean;
                            hasAppSecret: boolean;
                            id: string;
                            memberAgentIds: string[];
                            memberTeamIds: string[];
                            name: string;
                            phoneNumberId: string;
                            verifyToken: string | null;
                            wabaId: string | null;
                            webhookUrl: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The channel's message templates (approved only, unless all=true), cached for ten minutes */
        get: {
            parameters: {
                query?: {
                    /** @description Include templates that are not approved */
                    all?: string;
                    /** @description Fetch from WhatsApp now instead of the cache */
                    refresh?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stale: boolean;
                            syncedAt: string | null;
                            templates: {
                                category: string | null;
                                components: unknown[];
                                id: string | null;
                                language: string;
                                name: string;
                                status: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of contacts you may see, newest first; q finds by part of the name, phone or WhatsApp id */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    page?: string;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attributes: {
                                    [key: string]: unknown;
                                };
                                createdAt: string;
                                id: string;
                                name: string | null;
                                phone: string | null;
                                userId: string | null;
                                version: number;
                                waId: string | null;
                            }[];
                            nextPage: string | null;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One contact, with the ids of its conversations you may see */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contact: {
                                attributes: {
                                    [key: string]: unknown;
                                };
                                createdAt: string;
                                id: string;
                                name: string | null;
                                phone: string | null;
                                userId: string | null;
                                version: number;
                                waId: string | null;
                            };
                            conversationIds: string[];
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a contact's name or attributes (attributes merge: a key set to null is removed) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attributes?: {
                            [key: string]: unknown;
                        };
                        name?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attributes: {
                                [key: string]: unknown;
                            };
                            createdAt: string;
                            id: string;
                            name: string | null;
                            phone: string | null;
                            userId: string | null;
                            version: number;
                            waId: string | null;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/contacts/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge this contact into another of your tenant (owners and admins); this one is deleted
         * @description Its conversations move to the other contact; where that one already has a conversation on the same channel, the messages and notes move into it and the emptied conversation's last entry carries mergedIntoId.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        intoId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contact: {
                                attributes: {
                                    [key: string]: unknown;
                                };
                                createdAt: string;
                                id: string;
                                name: string | null;
                                phone: string | null;
                                userId: string | null;
                                version: number;
                                waId: string | null;
                            };
                            mergedConversations: number;
                            movedConversations: number;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of conversations, most recent activity first, with the sync cursor it is consistent with */
        get: {
            parameters: {
                query?: {
                    channelId?: string;
                    label?: string;
                    limit?: number;
                    page?: string;
                    status?: "open" | "pending" | "snoozed" | "resolved";
                    teamId?: string;
                    view?: "all" | "mine" | "unassigned" | "team";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: number;
                            items: {
                                assigneeId: string | null;
                                channelId: string;
                                contact: {
                                    id: string;
                                    name: string | null;
                                    phone: string | null;
                                    waId: string | null;
                                };
                                id: string;
                                labels: string[];
                                lastMessageAt: string | null;
                                lastMessagePreview: string | null;
                                snoozedUntil: string | null;
                                /** @enum {string} */
                                status: "open" | "pending" | "snoozed" | "resolved";
                                teamId: string | null;
                                unreadCount?: number;
                                version: number;
                                windowExpiresAt: string | null;
                            }[];
                            nextPage: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One conversation, with your unread count and the sync cursor it is consistent with */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: {
                                assigneeId: string | null;
                                channelId: string;
                                contact: {
                                    id: string;
                                    name: string | null;
                                    phone: string | null;
                                    waId: string | null;
                                };
                                id: string;
                                labels: string[];
                                lastMessageAt: string | null;
                                lastMessagePreview: string | null;
                                snoozedUntil: string | null;
                                /** @enum {string} */
                                status: "open" | "pending" | "snoozed" | "resolved";
                                teamId: string | null;
                                unreadCount?: number;
                                version: number;
                                windowExpiresAt: string | null;
                            };
                            cursor: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign, unassign or transfer to an agent and/or a team
         * @description assigneeId null unassigns; teamId absent keeps the team, null clears it. The previous assignee gets the change with visibleToYou: false when it takes the conversation out of their sight. A teamId with assigneeId null transfers to the team: when the team's assignment rules set a policy, the team's assignment decision runs after the transfer commits (its own conversation.updated entry) and the answer shows the conversation after it; a failed decision leaves it in the waiting list and still answers 200.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assigneeId: string | null;
                        teamId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: {
                                assigneeId: string | null;
                                channelId: string;
                                contact: {
                                    id: string;
                                    name: string | null;
                                    phone: string | null;
                                    waId: string | null;
                                };
                                id: string;
                                labels: string[];
                                lastMessageAt: string | null;
                                lastMessagePreview: string | null;
                                snoozedUntil: string | null;
                                /** @enum {string} */
                                status: "open" | "pending" | "snoozed" | "resolved";
                                teamId: string | null;
                                unreadCount?: number;
                                version: number;
                                windowExpiresAt: string | null;
                            };
                            visibleToYou?: boolean;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Why the conversation is assigned (or waiting) as it is */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string | null;
                            conversationId: string;
                            decidedAt: string | null;
                            /** @description Why the last automatic decision was made; null: never decided */
                            reason: string | null;
                            waitingSince: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/bot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a bot holds this conversation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            botId: string | null;
                            reason: string | null;
                            status: ("active" | "handed_off" | "taken_over") | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/handoff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand a bot’s conversation to people (a team, an agent, or whoever assignment picks) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agentId?: string | null;
                        reason: string;
                        teamId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a conversation's labels */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        labels: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: {
                                assigneeId: string | null;
                                channelId: string;
                                contact: {
                                    id: string;
                                    name: string | null;
                                    phone: string | null;
                                    waId: string | null;
                                };
                                id: string;
                                labels: string[];
                                lastMessageAt: string | null;
                                lastMessagePreview: string | null;
                                snoozedUntil: string | null;
                                /** @enum {string} */
                                status: "open" | "pending" | "snoozed" | "resolved";
                                teamId: string | null;
                                unreadCount?: number;
                                version: number;
                                windowExpiresAt: string | null;
                            };
                            visibleToYou?: boolean;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of the thread (newest page first, oldest first within the page), with its sync cursor */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    page?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: number;
                            items: ({
                                authorId: string | null;
                                body: {
                                    [key: string]: unknown;
                                };
                                clientId: string | null;
                                conversationId: string;
                                createdAt: string;
                                /** @enum {string} */
                                direction: "in" | "out";
                                error: {
                                    code: number | null;
                                    title: string;
                                } | null;
                                id: string;
                                /** @enum {string} */
                                itemType: "message";
                                kind: string;
                                /** @enum {string} */
                                status: "pending" | "unknown" | "sent" | "delivered" | "read" | "failed" | "received";
                                version: number;
                                waMessageId: string | null;
                            } | {
                                authorId: string;
                                body: string;
                                conversationId: string;
                                createdAt: string;
                                id: string;
                                /** @enum {string} */
                                itemType: "note";
                                mentions: string[];
                                version: number;
                            })[];
                            nextPage: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Send a message (text, media, template, interactive, reaction, reply); idempotent on clientId
         * @description Stores the message as pending and answers at once; the outbound worker sends it through the Graph API and its status moves on through message.updated events (see docs/outbound.md). A retry with the same clientId returns the same message. Outside the 24-hour window only templates may be sent (422 window_closed).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: {
                            body: string;
                            previewUrl?: boolean;
                        };
                        /** @description Generated by the client once per message; retries reuse it */
                        clientId: string;
                        /** @enum {string} */
                        kind: "text";
                        /**
                         * Format: uuid
                         * @description Id of a message in this conversation to quote (WhatsApp shows it as a reply)
                         */
                        replyTo?: string;
                    } | {
                        body: {
                            caption?: string;
                            /**
                             * Format: uri
                             * @description A public http(s) URL WhatsApp fetches
                             */
                            link?: string;
                            /**
                             * Format: uuid
                             * @description Id from POST /api/v1/media
                             */
                            mediaId?: string;
                        };
                        /** @description Generated by the client once per message; retries reuse it */
                        clientId: string;
                        /** @enum {string} */
                        kind: "image";
                        /**
                         * Format: uuid
                         * @description Id of a message in this conversation to quote (WhatsApp shows it as a reply)
                         */
                        replyTo?: string;
                    } | {
                        body: {
                            caption?: string;
                            /**
                             * Format: uri
                             * @description A public http(s) URL WhatsApp fetches
                             */
                            link?: string;
                            /**
                             * Format: uuid
                             * @description Id from POST /api/v1/media
                             */
                            mediaId?: string;
                        };
                        /** @description Generated by the client once per message; retries reuse it */
                        clientId: string;
                        /** @enum {string} */
                        kind: "video";
                        /**
                         * Format: uuid
                         * @description Id of a message in this conversation to quote (WhatsApp shows it as a reply)
                         */
                        replyTo?: string;
                    } | {
                        body: {
                            caption?: string;
                            filename?: string;
                            /**
                             * Format: uri
                             * @description A public http(s) URL WhatsApp fetches
                             */
                            link?: string;
                            /**
                             * Format: uuid
                             * @description Id from POST /api/v1/media
                             */
                            mediaId?: string;
                        };
                        /** @description Generated by the client once per message; retries reuse it */
                        clientId: string;
                        /** @enum {string} */
                        kind: "document";
                        /**
                         * Format: uuid
                         * @description Id of a message in this conversation to quote (WhatsApp shows it as a reply)
                         */
                        replyTo?: string;
                    } | {
                        body: {
                            /**
                             * Format: uri
                             * @description A public http(s) URL WhatsApp fetches
                             */
                            link?: string;
                            /**
                             * Format: uuid
                             * @description Id from POST /api/v1/media
                             */
                            mediaId?: string;
                        };
                        /** @description Generated by the client once per message; retries reuse it */
                        clientId: string;
                        /** @enum {string} */
                        kind: "audio";
                        /**
                         * Format: uuid
                         * @description Id of a message in this conversation to quote (WhatsApp shows it as a reply)
                         */
                        replyTo?: string;
                    } | {
                        body: {
                            /**
                             * Format: uri
                             * @description A public http(s) URL WhatsApp fetches
                             */
                            link?: string;
                            /**
                             * Format: uuid
                             * @description Id from POST /api/v1/media
                             */
                            mediaId?: string;
                        };
                        /** @description Generated by the client once per message; retries reuse it */
                        clientId: string;
                        /** @enum {string} */
                        kind: "sticker";
                        /**
                         * Format: uuid
                         * @description Id of a message in this conversation to quote (WhatsApp shows it as a reply)
                         */
                        replyTo?: string;
                    } | {
                        body: {
                            components?: {
                                index?: number;
                                parameters: ({
                                    /** @enum {string} */
                                    type: "text" | "currency" | "date_time" | "image" | "document" | "video" | "payload" | "coupon_code";
                                } & {
                                    [key: string]: unknown;
                                })[];
                                /** @enum {string} */
                                subType?: "quick_reply" | "url" | "copy_code";
                                /** @enum {string} */
                                type: "header" | "body" | "button";
                            }[];
                            /** @description The template language code, e.g. en_US */
                            language: string;
                            name: string;
                        };
                        /** @description Generated by the client once per message; retries reuse it */
                        clientId: string;
                        /** @enum {string} */
                        kind: "template";
                        /**
                         * Format: uuid
                         * @description Id of a message in this conversation to quote (WhatsApp shows it as a reply)
                         */
                        replyTo?: string;
                    } | {
                        body: {
                            body: {
                                text: string;
                            };
                            buttons: {
                                id: string;
                                title: string;
                            }[];
                            footer?: {
                                text: string;
                            };
                            header?: {
                                text: string;
                                /** @enum {string} */
                                type: "text";
                            };
                            /** @enum {string} */
                            type: "button";
                        } | {
                            body: {
                                text: string;
                            };
                            button: string;
                            footer?: {
                                text: string;
                            };
                            header?: {
                                text: string;
                                /** @enum {string} */
                                type: "text";
                            };
                            sections: {
                                rows: {
                                    description?: string;
                                    id: string;
                                    title: string;
                                }[];
                                title?: string;
                            }[];
                            /** @enum {string} */
                            type: "list";
                        };
                        /** @description Generated by the client once per message; retries reuse it */
                        clientId: string;
                        /** @enum {string} */
                        kind: "interactive";
                        /**
                         * Format: uuid
                         * @description Id of a message in this conversation to quote (WhatsApp shows it as a reply)
                         */
                        replyTo?: string;
                    } | {
                        body: {
                            /** @description An empty string removes the reaction */
                            emoji: string;
                            /**
                             * Format: uuid
                             * @description The message reacted to
                             */
                            messageId: string;
                        };
                        /** @description Generated by the client once per message; retries reuse it */
                        clientId: string;
                        /** @enum {string} */
                        kind: "reaction";
                        /**
                         * Format: uuid
                         * @description Id of a message in this conversation to quote (WhatsApp shows it as a reply)
                         */
                        replyTo?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: {
                                authorId: string | null;
                                body: {
                                    [key: string]: unknown;
                                };
                                clientId: string | null;
                                conversationId: string;
                                createdAt: string;
                                /** @enum {string} */
                                direction: "in" | "out";
                                error: {
                                    code: number | null;
                                    title: string;
                                } | null;
                                id: string;
                                kind: string;
                                /** @enum {string} */
                                status: "pending" | "unknown" | "sent" | "delivered" | "read" | "failed" | "received";
                                version: number;
                                waMessageId: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages/{messageId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed message again (a new attempt) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: {
                                authorId: string | null;
                                body: {
                                    [key: string]: unknown;
                                };
                                clientId: string | null;
                                conversationId: string;
                                createdAt: string;
                                /** @enum {string} */
                                direction: "in" | "out";
                                error: {
                                    code: number | null;
                                    title: string;
                                } | null;
                                id: string;
                                kind: string;
                                /** @enum {string} */
                                status: "pending" | "unknown" | "sent" | "delivered" | "read" | "failed" | "received";
                                version: number;
                                waMessageId: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a private note; each agent in mentions gets a mention.created event */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        /** @default [] */
                        mentions?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            note: {
                                authorId: string;
                                body: string;
                                conversationId: string;
                                createdAt: string;
                                id: string;
                                mentions: string[];
                                version: number;
                            };
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark read for you: your unread count of it becomes 0
         * @description Read cursors are per agent and private, so this writes no event-log entry (unread counts never travel in the log); the answer carries unreadCount 0.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: {
                                assigneeId: string | null;
                                channelId: string;
                                contact: {
                                    id: string;
                                    name: string | null;
                                    phone: string | null;
                                    waId: string | null;
                                };
                                id: string;
                                labels: string[];
                                lastMessageAt: string | null;
                                lastMessagePreview: string | null;
                                snoozedUntil: string | null;
                                /** @enum {string} */
                                status: "open" | "pending" | "snoozed" | "resolved";
                                teamId: string | null;
                                unreadCount?: number;
                                version: number;
                                windowExpiresAt: string | null;
                            };
                            visibleToYou?: boolean;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open, set pending, snooze until a time, or resolve */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        snoozedUntil?: string | null;
                        /** @enum {string} */
                        status: "open" | "pending" | "snoozed" | "resolved";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: {
                                assigneeId: string | null;
                                channelId: string;
                                contact: {
                                    id: string;
                                    name: string | null;
                                    phone: string | null;
                                    waId: string | null;
                                };
                                id: string;
                                labels: string[];
                                lastMessageAt: string | null;
                                lastMessagePreview: string | null;
                                snoozedUntil: string | null;
                                /** @enum {string} */
                                status: "open" | "pending" | "snoozed" | "resolved";
                                teamId: string | null;
                                unreadCount?: number;
                                version: number;
                                windowExpiresAt: string | null;
                            };
                            visibleToYou?: boolean;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Labels of your tenant: the catalogue and those in use */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            labels: {
                                conversations: number;
                                /** @description The label itself (labels are names) */
                                id: string;
                                inCatalogue: boolean;
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a label to the catalogue */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversations: number;
                            /** @description The label itself (labels are names) */
                            id: string;
                            inCatalogue: boolean;
                            name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/labels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a label out of the catalogue (conversations keep it) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller, and the CSRF token of its session */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent: {
                                /** @enum {string} */
                                availability: "online" | "away" | "offline";
                                email: string;
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "owner" | "admin" | "agent" | "bot";
                                tenantId: string;
                            } | null;
                            csrfToken: string | null;
                            role: string;
                            tenantId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Choose your availability; logged as agent.updated and shown live as presence */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        availability: "online" | "away" | "offline";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agentId: string;
                            /** @enum {string} */
                            availability: "online" | "away" | "offline";
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password; every other session of yours ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file to send (multipart/form-data, field "file")
         * @description WhatsApp's limits: images JPEG/PNG ≤ 5 MB, video MP4/3GPP ≤ 16 MB, audio AAC/AMR/MP3/MP4/OGG ≤ 16 MB, stickers WebP ≤ 500 KB, documents (PDF, text, Office) ≤ 100 MB. Answers 413 or 415 otherwise. Send it with kind image/video/audio/sticker/document and body.mediaId.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            media: {
                                filename: string | null;
                                id: string;
                                kind: string;
                                mime: string;
                                sha256: string;
                                size: number;
                                url: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A media file: a customer's (if you can see the conversation) or one uploaded in your tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Conversations, response and resolution times, messages, bots and appointments over days or weeks
         * @description Days and weeks (Monday first) are cut in timeZone, by default the tenant’s. Durations are in seconds: first response is from the conversation opening (or reopening) to the first reply by a person, resolution from opening to resolve. Filters apply to the agent and team that held the conversation when it happened.
         */
        get: {
            parameters: {
                query: {
                    agentId?: string;
                    channelId?: string;
                    /** @description First day of the report, in its time zone */
                    from: string;
                    /** @description Bucket size; weeks start on Monday */
                    interval?: "day" | "week";
                    teamId?: string;
                    /** @description Defaults to the tenant's time zone (GET /api/v1/tenant) */
                    timeZone?: string;
                    /** @description Last day of the report (included), in its time zone */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            buckets: {
                                appointmentsBooked: number;
                                appointmentsCancelled: number;
                                botContained: number;
                                botHandedOff: number;
                                conversationsOpened: number;
                                conversationsResolved: number;
                                firstResponse: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                                messagesIn: number;
                                messagesOut: number;
                                resolution: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                                start: string;
                            }[];
                            byAgent: {
                                conversationsOpened: number;
                                conversationsResolved: number;
                                firstResponse: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                                id: string | null;
                                name: string;
                                resolution: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                            }[];
                            byChannel: {
                                conversationsOpened: number;
                                conversationsResolved: number;
                                firstResponse: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                                id: string | null;
                                name: string;
                                resolution: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                            }[];
                            byLabel: {
                                conversationsOpened: number;
                                conversationsResolved: number;
                                firstResponse: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                                id: string | null;
                                name: string;
                                resolution: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                            }[];
                            byTeam: {
                                conversationsOpened: number;
                                conversationsResolved: number;
                                firstResponse: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                                id: string | null;
                                name: string;
                                resolution: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                            }[];
                            from: string;
                            /** @enum {string} */
                            interval: "day" | "week";
                            timeZone: string;
                            to: string;
                            totals: {
                                appointmentsBooked: number;
                                appointmentsCancelled: number;
                                botContained: number;
                                botHandedOff: number;
                                conversationsOpened: number;
                                conversationsResolved: number;
                                firstResponse: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                                messagesIn: number;
                                messagesOut: number;
                                resolution: {
                                    averageSeconds: number | null;
                                    count: number;
                                    medianSeconds: number | null;
                                };
                            };
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same report as CSV: over time, or by channel, agent, team or label */
        get: {
            parameters: {
                query: {
                    agentId?: string;
                    channelId?: string;
                    /** @description First day of the report, in its time zone */
                    from: string;
                    /** @description Bucket size; weeks start on Monday */
                    interval?: "day" | "week";
                    teamId?: string;
                    /** @description Defaults to the tenant's time zone (GET /api/v1/tenant) */
                    timeZone?: string;
                    /** @description Last day of the report (included), in its time zone */
                    to: string;
                    view?: "time" | "channel" | "agent" | "team" | "label";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/csv */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scheduling/{tenantId}/calendar.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant’s appointments as an iCalendar feed (the token from the settings is the key) */
        get: {
            parameters: {
                query: {
                    token: string;
                };
                header?: never;
                path: {
                    tenantId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scheduling/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Appointments between two times (default: the next 30 days) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                contactId: string;
                                contactName: string | null;
                                conversationId: string | null;
                                end: string;
                                id: string;
                                service: string;
                                staff: string;
                                start: string;
                                status: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scheduling/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a service customers can book */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        durationMin: number;
                        name: string;
                        priceCents?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            durationMin: number;
                            id: string;
                            name: string;
                            priceCents: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scheduling/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Stop offering a service (booked appointments stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scheduling/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Working hours, breaks, holidays, services, staff and the .ics feed path */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            breaks: {
                                1?: {
                                    end: string;
                                    start: string;
                                }[];
                                2?: {
                                    end: string;
                                    start: string;
                                }[];
                                3?: {
                                    end: string;
                                    start: string;
                                }[];
                                4?: {
                                    end: string;
                                    start: string;
                                }[];
                                5?: {
                                    end: string;
                                    start: string;
                                }[];
                                6?: {
                                    end: string;
                                    start: string;
                                }[];
                                7?: {
                                    end: string;
                                    start: string;
                                }[];
                            };
                            holidays: string[];
                            horizonDays: number;
                            /** @description ISO weekday (1 = Monday) → open ranges */
                            hours: {
                                1?: {
                                    end: string;
                                    start: string;
                                }[];
                                2?: {
                                    end: string;
                                    start: string;
                                }[];
                                3?: {
                                    end: string;
                                    start: string;
                                }[];
                                4?: {
                                    end: string;
                                    start: string;
                                }[];
                                5?: {
                                    end: string;
                                    start: string;
                                }[];
                                6?: {
                                    end: string;
                                    start: string;
                                }[];
                                7?: {
                                    end: string;
                                    start: string;
                                }[];
                            };
                            icsPath: string;
                            reminderMinutes: number;
                            /** @description Template used for reminders when the 24-hour window has closed */
                            reminderTemplate: string | null;
                            services: {
                                durationMin: number;
                                id: string;
                                name: string;
                                priceCents: number | null;
                            }[];
                            staff: {
                                id: string;
                                name: string;
                            }[];
                            zone: string;
                        };
                    };
                };
            };
        };
        /** Set working hours, breaks, holidays and reminders */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        breaks: {
                            1?: {
                                end: string;
                                start: string;
                            }[];
                            2?: {
                                end: string;
                                start: string;
                            }[];
                            3?: {
                                end: string;
                                start: string;
                            }[];
                            4?: {
                                end: string;
                                start: string;
                            }[];
                            5?: {
                                end: string;
                                start: string;
                            }[];
                            6?: {
                                end: string;
                                start: string;
                            }[];
                            7?: {
                                end: string;
                                start: string;
                            }[];
                        };
                        holidays: string[];
                        horizonDays: number;
                        /** @description ISO weekday (1 = Monday) → open ranges */
                        hours: {
                            1?: {
                                end: string;
                                start: string;
                            }[];
                            2?: {
                                end: string;
                                start: string;
                            }[];
                            3?: {
                                end: string;
                                start: string;
                            }[];
                            4?: {
                                end: string;
                                start: string;
                            }[];
                            5?: {
                                end: string;
                                start: string;
                            }[];
                            6?: {
                                end: string;
                                start: string;
                            }[];
                            7?: {
                                end: string;
                                start: string;
                            }[];
                        };
                        reminderMinutes: number;
                        /** @description Template used for reminders when the 24-hour window has closed */
                        reminderTemplate: string | null;
                        zone: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scheduling/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a staff member or resource (one appointment at a time each) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scheduling/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a staff member from new bookings */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find messages and contacts by words (all words must match; "quoted phrases" and -excluded work) */
        get: {
            parameters: {
                query: {
                    in?: "all" | "messages" | "contacts";
                    limit?: number;
                    page?: string;
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                /** @enum {string} */
                                kind: "message";
                                message: {
                                    authorId: string | null;
                                    body: {
                                        [key: string]: unknown;
                                    };
                                    clientId: string | null;
                                    conversationId: string;
                                    createdAt: string;
                                    /** @enum {string} */
                                    direction: "in" | "out";
                                    error: {
                                        code: number | null;
                                        title: string;
                                    } | null;
                                    id: string;
                                    kind: string;
                                    /** @enum {string} */
                                    status: "pending" | "unknown" | "sent" | "delivered" | "read" | "failed" | "received";
                                    version: number;
                                    waMessageId: string | null;
                                };
                            } | {
                                contact: {
                                    attributes: {
                                        [key: string]: unknown;
                                    };
                                    createdAt: string;
                                    id: string;
                                    name: string | null;
                                    phone: string | null;
                                    userId: string | null;
                                    version: number;
                                    waId: string | null;
                                };
                                /** @enum {string} */
                                kind: "contact";
                            })[];
                            nextPage: string | null;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every event-log entry after the cursor, in order, exactly once
         * @description Entries the caller may not see come as { tenantId, seq, type: "hidden" } so a gap always means a missed entry. A cursor older than the retained log (or 0 once the log has entries) answers 410 cursor_expired: load a snapshot, which carries its own cursor.
         */
        get: {
            parameters: {
                query: {
                    cursor: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cursor: number;
                            entries: ({
                                seq: number;
                                tenantId: string;
                                /** @enum {string} */
                                type: "hidden";
                            } | {
                                data: {
                                    [key: string]: unknown;
                                };
                                entityId: string;
                                seq: number;
                                tenantId: string;
                                /** @enum {string} */
                                type: "conversation.created" | "conversation.updated" | "message.created" | "message.updated" | "note.created" | "contact.updated" | "agent.updated" | "mention.created";
                                version: number;
                            })[];
                            hasMore: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The teams of the caller's tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                id: string;
                                memberIds: string[];
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a team (owners and admins) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        memberIds?: string[];
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One team */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a team; its conversations keep their assignee and lose the team */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a team (owners and admins) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/teams/{id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A team's override of the channel's policy (owners and admins) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description null: the channel's setting
                             * @default null
                             */
                            onlineOnly: boolean | null;
                            /**
                             * @description null: the channel's policy, among the team's members
                             * @default null
                             */
                            policy: ("manual" | "round_robin" | "balanced") | null;
                        };
                    };
                };
            };
        };
        /** Replace a team's override (owners and admins); policy null follows the channel */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description null: the channel's setting
                         * @default null
                         */
                        onlineOnly?: boolean | null;
                        /**
                         * @description null: the channel's policy, among the team's members
                         * @default null
                         */
                        policy?: ("manual" | "round_robin" | "balanced") | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description null: the channel's setting
                             * @default null
                             */
                            onlineOnly: boolean | null;
                            /**
                             * @description null: the channel's policy, among the team's members
                             * @default null
                             */
                            policy: ("manual" | "round_robin" | "balanced") | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/teams/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a team's members (owners and admins) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agentIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your tenant's name and time zone */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            timeZone: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename your tenant or set its time zone (reports cut days and weeks by it) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            timeZone: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your personal tokens; for owners and admins, every token of the tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agentId: string | null;
                                createdAt: string;
                                id: string;
                                /** @enum {string} */
                                kind: "personal" | "integration";
                                lastUsedAt: string | null;
                                name: string;
                                revokedAt: string | null;
                                role: string | null;
                            }[];
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a token; the secret is in this answer only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "personal";
                        name: string;
                    } | {
                        /** @enum {string} */
                        kind: "integration";
                        name: string;
                        /** @enum {string} */
                        role: "admin" | "agent" | "bot";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            secret: string;
                            token: {
                                agentId: string | null;
                                createdAt: string;
                                id: string;
                                /** @enum {string} */
                                kind: "personal" | "integration";
                                lastUsedAt: string | null;
                                name: string;
                                revokedAt: string | null;
                                role: string | null;
                            };
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a token (your own, or any of the tenant for owners and admins) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your outgoing webhook subscriptions, with their receivers’ health */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            webhooks: {
                                active: boolean;
                                createdAt: string;
                                description: string;
                                eventTypes: ("conversation.created" | "conversation.updated" | "message.created" | "message.updated" | "note.created" | "contact.updated" | "agent.updated" | "mention.created")[];
                                /** @description Consecutive failed attempts; 0 when the receiver is healthy */
                                failures: number;
                                id: string;
                                lastError: string | null;
                                pending: number;
                                /** @description When a backing-off receiver is tried again */
                                retryAt: string | null;
                                url: string;
                            }[];
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Subscribe a URL to event types; the answer shows the signing secret, once
         * @description Deliveries start with the changes committed after this call. Each is a POST signed in x-parley-signature (t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">) with an idempotency-key that stays the same across retries and replays.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        description?: string;
                        eventTypes: ("conversation.created" | "conversation.updated" | "message.created" | "message.updated" | "note.created" | "contact.updated" | "agent.updated" | "mention.created")[];
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            description: string;
                            eventTypes: ("conversation.created" | "conversation.updated" | "message.created" | "message.updated" | "note.created" | "contact.updated" | "agent.updated" | "mention.created")[];
                            /** @description Consecutive failed attempts; 0 when the receiver is healthy */
                            failures: number;
                            id: string;
                            lastError: string | null;
                            pending: number;
                            /** @description When a backing-off receiver is tried again */
                            retryAt: string | null;
                            secret: string;
                            url: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a subscription and its delivery log */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a subscription’s URL, event types or description, pause or resume it
         * @description A paused subscription skips what happens while it is paused: resuming starts at the present. Resuming also ends a back-off, so the receiver is tried at once.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        description?: string;
                        eventTypes?: ("conversation.created" | "conversation.updated" | "message.created" | "message.updated" | "note.created" | "contact.updated" | "agent.updated" | "mention.created")[];
                        /** Format: uri */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            createdAt: string;
                            description: string;
                            eventTypes: ("conversation.created" | "conversation.updated" | "message.created" | "message.updated" | "note.created" | "contact.updated" | "agent.updated" | "mention.created")[];
                            /** @description Consecutive failed attempts; 0 when the receiver is healthy */
                            failures: number;
                            id: string;
                            lastError: string | null;
                            pending: number;
                            /** @description When a backing-off receiver is tried again */
                            retryAt: string | null;
                            url: string;
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log of a subscription, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Page: deliveries with a smaller id */
                    before?: number;
                    limit?: number;
                    status?: "pending" | "delivered" | "failed";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: {
                                attempts: number;
                                createdAt: string;
                                deliveredAt: string | null;
                                event: string;
                                id: number;
                                idempotencyKey: string;
                                lastError: string | null;
                                lastStatus: number | null;
                                payload: {
                                    [key: string]: unknown;
                                };
                                seq: number;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed";
                            }[];
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again, with its original idempotency key */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: number;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @enum {string} */
                            status: "pending";
                        };
                    };
                };
                /** @description The request is not valid: error.details names each field and what it expects */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Log in, or send a valid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Your role does not allow this, or a session is missing its x-csrf-token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description No such thing is visible to you (also what another tenant’s ids answer) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description It conflicts with the current state (a name, email or number already taken) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Too many attempts: wait a minute */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ready when the database and the queue answer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mode: string;
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                details?: unknown;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
