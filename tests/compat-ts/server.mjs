// Starts `actioneer serve` on a fresh SQLite file or a fresh PostgreSQL database, as the Python
// suite's conftest.py does.
//
// Environment: ACTIONEER_BIN (default <repo>/target/release/actioneer), ACTIONEER_TEST_PG_URL
// (default postgres://postgres@127.0.0.1:5432/test), CI=true (an unreachable PostgreSQL fails
// instead of skipping).

import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BINARY = process.env.ACTIONEER_BIN || join(REPO, 'target', 'release', 'actioneer');
const PG_URL = process.env.ACTIONEER_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const IN_CI = process.env.CI === 'true';

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A running server; `null` when PostgreSQL is wanted but not reachable outside CI. */
export async function startServer(backend) {
  const workdir = mkdtempSync(join(tmpdir(), `actioneer-compat-ts-${backend}-`));
  let dbName = null;
  let url;
  if (backend === 'sqlite') {
    url = `sqlite://${workdir}/actioneer.db`;
  } else {
    dbName = `actioneer_compat_ts_${randomUUID().replaceAll('-', '')}`;
    try {
      await adminQuery(`CREATE DATABASE "${dbName}"`);
    } catch (e) {
      rmSync(workdir, { recursive: true, force: true });
      if (IN_CI) throw new Error(`PostgreSQL at ${PG_URL} is required in CI: ${e}`);
      return null;
    }
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const apiKey = randomBytes(36).toString('base64url');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logPath = join(workdir, 'server.log');
  const log = openSync(logPath, 'w');
  const proc = spawn(BINARY, ['serve'], {
    cwd: workdir,
    env: {
      ...process.env,
      ACTIONEER_DATABASE_URL: url,
      ACTIONEER_BIND: `127.0.0.1:${port}`,
      ACTIONEER_API_KEY: apiKey,
      ACTIONEER_LOG: 'warn',
    },
    stdio: ['ignore', log, log],
  });
  const logText = () => readFileSync(logPath, 'utf8').slice(-8000);
  const stop = async () => {
    if (proc.exitCode === null) {
      const exited = new Promise((ok) => proc.once('exit', ok));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (dbName) await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    rmSync(workdir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) {
      const text = logText();
      await stop();
      throw new Error(`actioneer exited with ${proc.exitCode} before it was ready:\n${text}`);
    }
    try {
      const r = await fetch(`${baseUrl}/api/status`);
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const text = logText();
      await stop();
      throw new Error(`actioneer did not answer /api/status within 60 s:\n${text}`);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return { apiKey, baseUrl, stop, logText };
}
