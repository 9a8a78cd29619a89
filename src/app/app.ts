/**
 * The running bot: open the store, start every platform switched on, ingest every configured source,
 * resolve deliveries a crash left pending, give each channel its start-up run (console: always, to show
 * the current briefings; chat: the first run ever, or once for missed scheduled runs), then schedule.
 * `stop()` finishes the post in flight, stops the schedule and platforms, and closes the store.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createConsolePlatform } from '../adapters/console/platform.js';
import type { ChannelConfig, Config } from '../config/index.js';
import type { NewsbriefService, Platform, PlatformName } from '../contracts/index.js';
import type { Scheduler } from '../scheduler/index.js';
import { createStore, createSubscriptionStore, storeReady, storeSettings } from '../store/index.js';
import type { SubscriptionStore } from '../store/subscriptions.js';
import type { BriefingStore } from '../store/types.js';
import { type ChannelWatch, loadChannels, recordReads, watchChannels } from './live-channels.js';
import type { RetryPolicy } from './retry.js';
import { createRunner, type Runner, type RunReport } from './runner.js';
import { recordNext, scheduleChannels, startReason } from './schedule.js';
import { createService } from './service.js';
import { createSubscriptionService } from './subscriptions.js';
import { views } from './views.js';

export interface AppDeps {
  log: Logger;
  /** Platforms to use instead of the ones the config switches on (tests, the crash child). */
  platforms?: Partial<Record<PlatformName, Platform>>;
  consoleStream?: NodeJS.WritableStream;
  color?: boolean;
  store?: BriefingStore;
  retry?: RetryPolicy;
  /** Skip node-cron (tests run the start-up only). */
  schedule?: boolean;
  /** How often a run that failed on an unreachable store tries it again (default 5 s). */
  storeRetryMs?: number;
  /**
   * The subscriptions (channels followed from chat). Default: over the configured store's database,
   * unless `store` is given (then none, and the config's channels are scheduled as they are).
   */
  subscriptions?: SubscriptionStore | null;
  /** How often to look for a change of the subscriptions (default 20 s). */
  subscriptionPollMs?: number;
}

export interface App {
  store: BriefingStore;
  subscriptions: SubscriptionStore | null;
  /** Look for a change of the subscriptions now (tests; the bot polls on its own). */
  checkSubscriptions(): Promise<boolean>;
  /** The schedule once start-up is done (null before, or with `schedule: false`). */
  scheduler(): Scheduler<ChannelConfig> | null;
  runner: Runner;
  /** The start-up runs' reports. */
  startup: Promise<RunReport[]>;
  stop(): Promise<void>;
}

async function configuredPlatforms(
  config: Config,
  deps: AppDeps,
): Promise<Partial<Record<PlatformName, Platform>>> {
  if (deps.platforms) return deps.platforms;
  const out: Partial<Record<PlatformName, Platform>> = {
    console: createConsolePlatform({
      ...(deps.consoleStream ? { stream: deps.consoleStream } : {}),
      ...(deps.color !== undefined ? { color: deps.color } : {}),
    }),
  };
  const adapterLog = (name: string) => ({
    debug: (m: string) => deps.log.debug({ platform: name }, m),
    info: (m: string) => deps.log.info({ platform: name }, m),
    warn: (m: string) => deps.log.warn({ platform: name }, m),
    error: (m: string) => deps.log.error({ platform: name }, m),
  });
  if (config.slack) {
    const { createSlackPlatform } = await import('../adapters/slack/platform.js');
    out.slack = createSlackPlatform(config.slack, { logger: adapterLog('slack') });
  }
  if (config.discord) {
    const { createDiscordPlatform } = await import('../adapters/discord/platform.js');
    out.discord = createDiscordPlatform(config.discord, { log: adapterLog('discord') });
  }
  return out;
}

/** Starts each platform with the service; one that fails to start is left out (and said so), not fatal. */
async function startPlatforms(
  platforms: Partial<Record<PlatformName, Platform>>,
  service: NewsbriefService,
  channels: readonly ChannelConfig[],
  log: Logger,
): Promise<Partial<Record<PlatformName, Platform>>> {
  for (const [name, p] of Object.entries(platforms)) {
    try {
      await p.start(service, views);
      log.info({ event: 'platform.started', platform: name }, 'platform started');
    } catch (err) {
      log.error(
        { event: 'platform.failed', platform: name, error: (err as Error).message },
        'platform failed to start',
      );
      delete platforms[name as PlatformName];
    }
  }
  for (const c of channels)
    if (!platforms[c.platform])
      log.warn(
        { event: 'channel.off', channel: c.name, platform: c.platform },
        `${c.platform} is off: this channel gets no posts until its secrets are set`,
      );
  return platforms;
}

export async function startApp(config: Config, deps: AppDeps): Promise<App> {
  const { log } = deps;
  let store = deps.store;
  if (!store) {
    store = createStore(config.db, storeSettings(config));
    // A server that cannot be reached is one clear line now, not a failure in the first run.
    try {
      await storeReady(store);
    } catch (err) {
      await store.close().catch(() => {});
      throw err;
    }
  }
  const fetch = { allowPrivateAddresses: config.allowPrivateAddresses };
  const chatFetch = { allowPrivateAddresses: config.chatAllowPrivateAddresses };
  const ownSubs = deps.subscriptions === undefined && !deps.store;
  const subs: SubscriptionStore | null =
    deps.subscriptions !== undefined
      ? deps.subscriptions
      : deps.store
        ? null
        : createSubscriptionStore(config.db, storeSettings(config));
  let channels = config.channels;
  let version = 0;
  if (subs) {
    try {
      ({ channels, version } = await loadChannels(config, subs));
    } catch (err) {
      if (ownSubs) await subs.close().catch(() => {});
      if (!deps.store) await store.close().catch(() => {});
      throw err;
    }
  }
  const service = createService({
    store,
    fetch: chatFetch,
    ...(subs ? { subscriptions: createSubscriptionService({ subs, store, fetch: chatFetch }) } : {}),
  });
  const platforms = await startPlatforms(await configuredPlatforms(config, deps), service, channels, log);

  const runner = createRunner({
    store,
    platforms,
    log,
    holder: `${process.pid}-${randomUUID().slice(0, 8)}`,
    fetch,
    leaseMs: config.leaseSeconds * 1000,
    ...(deps.retry ? { retry: deps.retry } : {}),
  });
  const st = store;
  let scheduler: Scheduler<ChannelConfig> | null = null;
  let watch: ChannelWatch | null = null;

  const startup = (async () => {
    const errors = await runner.ingestAll(channels);
    for (const e of errors)
      log.warn({ event: 'source.error', input: e.input, error: e.error }, 'source error');
    log.info({ event: 'ingest.done', sources: channels.length, errors: errors.length }, 'sources ingested');
    // Recovery first: deliveries a crash left pending keep their idempotency keys.
    const pending = await runner.channelsWithPending(channels);
    await Promise.allSettled(
      pending.map((c) => runner.runChannel(c, { onlyPending: true, waitForLease: true })),
    );
    const reports = await Promise.all(
      channels.map(async (c) => {
        const reason = c.platform === 'console' ? 'console' : await startReason(c, st);
        if (runner.stopped) return null;
        if (reason) log.info({ event: 'run.startup', channel: c.name, reason }, 'start-up run');
        const report = reason
          ? await runner.runChannel(c, {
              replay: reason === 'console',
              waitForLease: true,
              sourcesIngested: true,
            })
          : null;
        await recordNext(c, st);
        return report;
      }),
    );
    if (deps.schedule !== false && !runner.stopped) {
      const live = scheduleChannels(channels, {
        store: st,
        runner,
        log,
        ...(deps.storeRetryMs ? { storeRetryMs: deps.storeRetryMs } : {}),
        ...(subs ? { onReport: (c: ChannelConfig, r: RunReport) => recordReads(subs, c, r) } : {}),
      });
      scheduler = live;
      if (subs)
        watch = watchChannels({
          subs,
          log,
          version,
          ...(deps.subscriptionPollMs ? { pollMs: deps.subscriptionPollMs } : {}),
          onChange: async (next) => {
            channels = next;
            live.update(next);
            for (const c of next) await recordNext(c, st).catch(() => null);
          },
        });
    }
    return reports.filter((r): r is RunReport => r !== null);
  })();

  let stopping: Promise<void> | null = null;
  return {
    store,
    subscriptions: subs,
    scheduler: () => scheduler,
    async checkSubscriptions() {
      await startup.catch(() => []);
      return watch ? watch.check() : false;
    },
    runner,
    startup,
    stop() {
      stopping ??= (async () => {
        watch?.stop();
        runner.stop();
        await scheduler?.stop();
        await startup.catch(() => []);
        await scheduler?.stop(); // in case start-up finished and scheduled meanwhile
        for (const [name, p] of Object.entries(platforms))
          await p
            .stop()
            .catch((err: Error) =>
              log.warn(
                { event: 'platform.stop_failed', platform: name, error: err.message },
                'platform stop failed',
              ),
            );
        if (ownSubs) await subs?.close().catch(() => {});
        if (!deps.store) await st.close();
        log.info({ event: 'stopped' }, 'stopped');
      })();
      return stopping;
    },
  };
}
