export * from './roles.js';
export * from './errors.js';
export * from './health.js';
export * from './auth.js';
export * from './sessions.js';
export * from './participants.js';
export * from './chat.js';
export * from './recordings.js';
