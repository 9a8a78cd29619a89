export {
  DEFAULT_SLACK_OPTIONS,
  type Env,
  parseSlackSettings,
  type RateLimit,
  type ResponseVisibility,
  type SlackHttpSettings,
  type SlackOptions,
  type SlackSettings,
  type SlackSocketSettings,
  type ThreadReplies,
} from '../../contracts/slack-settings.js';
export { HISTORY_LIMIT, METADATA_EVENT_TYPE } from './delivery.js';
export type { SlackLogger } from './logger.js';
export { createSlackPlatform, type SlackPlatform, type SlackPlatformDeps } from './platform.js';
export * from './render.js';
export { slackSignature } from './verify.js';
