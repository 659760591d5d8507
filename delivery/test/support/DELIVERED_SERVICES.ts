import { PORTS } from '@sightline/contracts';

/** DeliveredService is one service that ships as a container image, with what its image must declare. */
export interface DeliveredService {
  /** name is the service's folder, where its Dockerfile lives, and the npm workspace its image installs. */
  name: string;
  /** ports are every port the image must EXPOSE, the service port first. */
  ports: number[];
  /** portEnv maps the environment variables that set those ports to the values the image must give them. */
  portEnv: Record<string, number>;
  /** healthPort is the port the image's HEALTHCHECK asks. */
  healthPort: number;
  /** healthPath is the path the image's HEALTHCHECK asks. */
  healthPath: string;
}

/** DELIVERED_SERVICES are the services with a Dockerfile, in the order the workflows build them. */
export const DELIVERED_SERVICES: readonly DeliveredService[] = [
  {
    name: 'gateway',
    ports: [PORTS.gateway, PORTS.gatewayAdmin],
    portEnv: { GATEWAY_PORT: PORTS.gateway, GATEWAY_ADMIN_PORT: PORTS.gatewayAdmin },
    // The proxy port forwards every path upstream; /healthz lives on the admin server.
    healthPort: PORTS.gatewayAdmin,
    healthPath: '/healthz',
  },
  {
    name: 'auth',
    ports: [PORTS.auth],
    portEnv: { AUTH_PORT: PORTS.auth },
    healthPort: PORTS.auth,
    healthPath: '/healthz',
  },
  {
    name: 'collector',
    ports: [PORTS.collector],
    portEnv: { COLLECTOR_PORT: PORTS.collector },
    healthPort: PORTS.collector,
    healthPath: '/healthz',
  },
  {
    name: 'alerting',
    ports: [PORTS.alerting],
    portEnv: { ALERTING_PORT: PORTS.alerting },
    healthPort: PORTS.alerting,
    healthPath: '/healthz',
  },
  {
    name: 'api',
    ports: [PORTS.api],
    portEnv: { API_PORT: PORTS.api },
    healthPort: PORTS.api,
    healthPath: '/healthz',
  },
  {
    name: 'dashboard',
    ports: [PORTS.dashboard],
    portEnv: { PORT: PORTS.dashboard },
    healthPort: PORTS.dashboard,
    // The console's /healthz answers exactly when Next.js is up.
    healthPath: '/healthz',
  },
  {
    name: 'reports',
    ports: [PORTS.reports],
    portEnv: { REPORTS_PORT: PORTS.reports },
    healthPort: PORTS.reports,
    healthPath: '/healthz',
  },
];
