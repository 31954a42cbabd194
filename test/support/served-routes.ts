import type { Express } from 'express';

// The parts of Express 5's router (the `router` package) that say what a router serves; it types none of them.
type Layer = Readonly<{
  rawPath?: unknown;
  route?: Readonly<{ path: unknown; methods: Record<string, boolean> }>;
  handle: unknown;
}>;
type Router = Readonly<{ stack: readonly Layer[] }>;

const isRouter = (handle: unknown): handle is Router =>
  typeof handle === 'function' && Array.isArray((handle as { stack?: unknown }).stack);

function routesOf(router: Router, prefix: string): string[] {
  return router.stack.flatMap((layer) => {
    if (layer.route !== undefined) {
      const path = `${prefix}${String(layer.route.path)}`.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods)
        .filter((method) => method !== '_all')
        .map((method) => `${method.toUpperCase()} ${path}`);
    }
    if (!isRouter(layer.handle)) return [];
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    return routesOf(layer.handle, `${prefix}${mount}`);
  });
}

/** Every route an app serves, as `METHOD /path/{param}` in OpenAPI's spelling, read from its router. */
export function servedRoutes(app: Express): string[] {
  return routesOf(app.router as unknown as Router, '');
}
