/** Casework along the agreed route: the pure core (states, routes, consent, results, deadlines). */
export * from './states';
export * from './routes';
export * from './results';
export * from './deadlines';
export * from './errors';
