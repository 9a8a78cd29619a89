export { type ConsolePlatformOptions, createConsolePlatform } from './platform.js';
export * from './render.js';
