export {
  DEFAULT_RATE_LIMIT,
  type DiscordRateLimit,
  type DiscordSettings,
  discordSettingsFromEnv,
  type Env,
  requireDiscordSettings,
} from '../../contracts/discord-settings.js';
export {
  COMMAND_NAMES,
  commandDefinitions,
  createRest,
  registerCommands,
  registerDiscordCommands,
} from './commands.js';
export { wrapDiscordError } from './errors.js';
export type { Logger } from './interactions.js';
export * as limits from './limits.js';
export { createDiscordPlatform, type DiscordDeps, intentsFor, nonceFor } from './platform.js';
export * as render from './render.js';
