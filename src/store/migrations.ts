/**
 * Versioned schema migrations, applied in order inside one transaction each; `PRAGMA user_version` holds
 * the number of the last applied migration. Append new migrations; never edit an applied one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: articles, derived data, FTS5 over sentences, outbox, run state, leases, feeds.
  `
  CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    url TEXT,
    title TEXT,
    byline TEXT,
    published_at TEXT,
    source TEXT,
    ingested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX articles_hash ON articles(content_hash);
  CREATE INDEX articles_updated ON articles(updated_at);
  CREATE TABLE article_keys (
    key TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE INDEX article_keys_article ON article_keys(article_id);
  CREATE TABLE article_versions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
  ) WITHOUT ROWID;
  CREATE TABLE briefings (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    briefing TEXT NOT NULL
  );
  CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT,
    aliases TEXT NOT NULL,
    mentions INTEGER NOT NULL
  );
  CREATE INDEX people_article ON people(article_id);
  CREATE INDEX people_name ON people(name COLLATE NOCASE);
  CREATE TABLE person_keys (
    key TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id, person_id)
  ) WITHOUT ROWID;
  CREATE INDEX person_keys_person ON person_keys(person_id);
  CREATE INDEX person_keys_article ON person_keys(article_id);
  CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_role TEXT
  );
  CREATE INDEX quotes_article ON quotes(article_id);
  CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    text TEXT NOT NULL,
    people TEXT NOT NULL
  );
  CREATE INDEX sentences_article ON sentences(article_id);
  CREATE TABLE mentions (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    sentence_id INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, sentence_id)
  ) WITHOUT ROWID;
  CREATE INDEX mentions_sentence ON mentions(sentence_id);
  CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content='sentences', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
  END;
  CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
  END;
  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    message_id TEXT,
    thread_id TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (platform, channel_id, article_id, version)
  );
  CREATE INDEX deliveries_status ON deliveries(status, id);
  CREATE INDEX deliveries_thread ON deliveries(platform, channel_id, thread_id);
  CREATE INDEX deliveries_article ON deliveries(article_id);
  CREATE TABLE run_state (
    name TEXT PRIMARY KEY,
    at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT,
    error TEXT
  ) WITHOUT ROWID;
  `,
  // 2: every name's article and mention totals, kept by triggers, so that a card for a name in 50,000
  // articles reads one row instead of counting them.
  `
  CREATE TABLE name_totals (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO name_totals (name, articles, mentions)
    SELECT name, count(*), sum(mentions) FROM people GROUP BY name COLLATE NOCASE;
  CREATE TRIGGER people_totals_ai AFTER INSERT ON people BEGIN
    INSERT INTO name_totals (name, articles, mentions) VALUES (new.name, 1, new.mentions)
      ON CONFLICT (name) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
  END;
  CREATE TRIGGER people_totals_ad AFTER DELETE ON people BEGIN
    UPDATE name_totals SET articles = articles - 1, mentions = mentions - old.mentions WHERE name = old.name;
    DELETE FROM name_totals WHERE name = old.name AND articles <= 0;
  END;
  CREATE TRIGGER people_totals_au AFTER UPDATE OF name, mentions ON people BEGIN
    UPDATE name_totals SET articles = articles - 1, mentions = mentions - old.mentions WHERE name = old.name;
    DELETE FROM name_totals WHERE name = old.name AND articles <= 0;
    INSERT INTO name_totals (name, articles, mentions) VALUES (new.name, 1, new.mentions)
      ON CONFLICT (name) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
  END;
  `,
  // 3: claims on deliveries: an instance holds a delivery until it is marked or the claim expires
  // (milliseconds since the epoch), so a crashed instance's deliveries are taken over, never posted twice
  // by two live ones. The indexes find a channel's open deliveries without reading its history, and a
  // holder's claims to renew.
  `
  ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
  ALTER TABLE deliveries ADD COLUMN claim_expires_at INTEGER;
  CREATE INDEX deliveries_open ON deliveries(platform, channel_id, status, attempts, article_id);
  CREATE INDEX deliveries_claimed ON deliveries(claimed_by) WHERE claimed_by IS NOT NULL;
  `,
  // 4: subscriptions: each channel's schedule and filters, the sources it follows (from chat or imported
  // once from the config), and one counter every change raises (polled by every running instance).
  `
  CREATE TABLE subscription_channels (
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    name TEXT NOT NULL,
    schedule TEXT NOT NULL,
    timezone TEXT NOT NULL,
    include TEXT NOT NULL,
    exclude TEXT NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    max_per_digest INTEGER NOT NULL,
    style TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('config', 'chat')),
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (platform, channel_id)
  ) WITHOUT ROWID;
  CREATE INDEX subscription_channels_workspace ON subscription_channels(platform, workspace_id);
  CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('feed', 'page', 'folder')),
    url TEXT NOT NULL,
    url_key TEXT NOT NULL,
    title TEXT,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    last_fetch_at TEXT,
    last_error TEXT,
    UNIQUE (platform, channel_id, url_key),
    FOREIGN KEY (platform, channel_id) REFERENCES subscription_channels(platform, channel_id) ON DELETE CASCADE
  );
  CREATE TABLE subscriptions_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  );
  INSERT INTO subscriptions_version (id, version) VALUES (1, 0);
  `,
];
