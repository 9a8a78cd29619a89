/**
 * The slash commands and their registration. Registration is a bulk overwrite (PUT), so running it again
 * is harmless: per guild (`DISCORD_GUILD_ID`, instant, for development) or global.
 */
import {
  type APIApplication,
  InteractionContextType,
  OAuth2Scopes,
  PermissionFlagsBits,
  REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
  SlashCommandBuilder,
} from 'discord.js';
import type { DiscordSettings } from '../../contracts/discord-settings.js';
import { FEEDS_INPUT_MAX, NAME_INPUT_MAX, QUESTION_INPUT_MAX } from '../../contracts/index.js';
import { wrapDiscordError } from './errors.js';
import { STRING_OPTION_MAX } from './limits.js';

export const COMMAND_NAMES = ['brief', 'who', 'ask', 'quotes', 'digest', 'feeds', 'newsbrief'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** The command definitions as Discord's API takes them. */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const brief = new SlashCommandBuilder()
    .setName('brief')
    .setDescription('Condense one article: give a link, paste its text, or attach a file')
    .addStringOption((o) => o.setName('url').setDescription('Link to the article').setMaxLength(2000))
    .addStringOption((o) =>
      o.setName('text').setDescription('The article text, pasted').setMaxLength(STRING_OPTION_MAX),
    )
    .addAttachmentOption((o) => o.setName('file').setDescription('The article as a .txt or .md file'));
  const who = new SlashCommandBuilder()
    .setName('who')
    .setDescription('Who someone is, from the stored briefings')
    .addStringOption((o) =>
      o
        .setName('name')
        .setDescription('A person')
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(NAME_INPUT_MAX),
    );
  const ask = new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask the stored briefings a question')
    .addStringOption((o) =>
      o
        .setName('question')
        .setDescription('What you want to know')
        .setRequired(true)
        .setMaxLength(QUESTION_INPUT_MAX),
    );
  const quotes = new SlashCommandBuilder()
    .setName('quotes')
    .setDescription('The latest quotes, or one person’s')
    .addStringOption((o) =>
      o
        .setName('name')
        .setDescription('A person (optional)')
        .setAutocomplete(true)
        .setMaxLength(NAME_INPUT_MAX),
    );
  const digest = new SlashCommandBuilder()
    .setName('digest')
    .setDescription('The briefings since this channel’s last digest');
  // Manage Server by default: a server's admins can let other roles use it in Integrations settings.
  const feeds = new SlashCommandBuilder()
    .setName('feeds')
    .setDescription('Change what this channel follows')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addSubcommand((s) =>
      s
        .setName('follow')
        .setDescription('Follow a feed, a page, or a site (its advertised feed)')
        .addStringOption((o) =>
          o
            .setName('url')
            .setDescription('The feed, page or site')
            .setRequired(true)
            .setMaxLength(FEEDS_INPUT_MAX),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('unfollow')
        .setDescription('Stop following a source')
        .addStringOption((o) =>
          o
            .setName('source')
            .setDescription('Its id (see /newsbrief sources) or URL')
            .setRequired(true)
            .setMaxLength(FEEDS_INPUT_MAX),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('schedule')
        .setDescription('When this channel gets its briefings (at most every 15 minutes)')
        .addStringOption((o) =>
          o.setName('time').setDescription('HH:MM, or a cron expression').setRequired(true).setMaxLength(100),
        )
        .addStringOption((o) =>
          o.setName('timezone').setDescription('An IANA time zone, e.g. Europe/London').setMaxLength(64),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('filter')
        .setDescription('Only stories mentioning words, or leave out stories mentioning them')
        .addStringOption((o) =>
          o
            .setName('mode')
            .setDescription('include, exclude or clear')
            .setRequired(true)
            .addChoices(
              { name: 'include', value: 'include' },
              { name: 'exclude', value: 'exclude' },
              { name: 'clear', value: 'clear' },
            ),
        )
        .addStringOption((o) =>
          o
            .setName('words')
            .setDescription('Words, or phrases separated by commas')
            .setMaxLength(FEEDS_INPUT_MAX),
        ),
    )
    .addSubcommand((s) => s.setName('pause').setDescription('Post nothing until resumed'))
    .addSubcommand((s) => s.setName('resume').setDescription('Post again on the schedule'));
  const help = new SlashCommandBuilder()
    .setName('newsbrief')
    .setDescription('About newsbrief')
    .addSubcommand((s) => s.setName('help').setDescription('How to use newsbrief'))
    .addSubcommand((s) => s.setName('sources').setDescription('What this channel follows'))
    .addSubcommand((s) =>
      s.setName('preview').setDescription('This channel’s next digest, shown only to you'),
    );
  // Server channels only: briefings, threads and digests belong to channels.
  return [brief, who, ask, quotes, digest, feeds, help].map((c) =>
    c.setContexts(InteractionContextType.Guild).toJSON(),
  );
}

/** Anything with discord.js REST's `put` (a `REST` or `client.rest`). */
export interface RestLike {
  put(route: `/${string}`, options: { body: unknown }): Promise<unknown>;
}

/** Registers (bulk-overwrites) the commands in one guild, or globally when `guildId` is null/undefined. */
export async function registerCommands(
  rest: RestLike,
  appId: string,
  guildId?: string | null,
): Promise<{ scope: 'guild' | 'global'; count: number }> {
  const body = commandDefinitions();
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  try {
    await rest.put(route, { body });
  } catch (error) {
    throw wrapDiscordError(error, 'registering commands');
  }
  return { scope: guildId ? 'guild' : 'global', count: body.length };
}

/** A REST client for the settings (the API base from DISCORD_API_URL when set). */
export function createRest(settings: Pick<DiscordSettings, 'token' | 'apiUrl'>): REST {
  return new REST(settings.apiUrl ? { api: settings.apiUrl } : {}).setToken(settings.token);
}

/**
 * `newsbrief discord register`: registers the commands without starting the bot. Returns a one-line
 * report for stdout (the token is never printed).
 */
export async function registerDiscordCommands(
  settings: Pick<DiscordSettings, 'token' | 'apiUrl' | 'guildId'>,
): Promise<{ applicationId: string; scope: 'guild' | 'global'; count: number; message: string }> {
  const rest = createRest(settings);
  let app: APIApplication;
  try {
    app = (await rest.get(Routes.currentApplication())) as APIApplication;
  } catch (error) {
    throw wrapDiscordError(error, 'reading the application (is DISCORD_TOKEN right?)');
  }
  const result = await registerCommands(rest, app.id, settings.guildId);
  const where = result.scope === 'guild' ? `in guild ${settings.guildId}` : 'globally';
  return {
    applicationId: app.id,
    ...result,
    message: `Registered ${result.count} commands for application ${app.id} ${where}. Invite: ${inviteUrl(app.id)}`,
  };
}

/** The permissions newsbrief asks for when invited (View Channel is implied by the others). */
export const INVITE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

/** The URL that invites the bot to a server with the `bot` and `applications.commands` scopes. */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: INVITE_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
