// FusionAuth's webhook event log through the official TypeScript client:
// `retrieveWebhookEventLog`, `searchWebhookEventLogs`, `retrieveWebhookAttemptLog`,
// on SQLite and PostgreSQL. Replay is Actioneer's own and is called with plain HTTP.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import pkg from '@fusionauth/typescript-client';
import { startServer } from './server.mjs';

const { FusionAuthClient } = pkg;

/** Answers each actionee's events with the statuses scripted for them (the last repeats). */
async function scriptedReceiver() {
  const events = [];
  const scripts = new Map();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const { event } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      events.push(event);
      const script = scripts.get(event.actioneeUserId) || [200];
      const status = script.length > 1 ? script.shift() : script[0];
      res.writeHead(status, { 'Content-Length': '0' }).end();
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    events,
    script: (user, statuses) => scripts.set(user, [...statuses]),
    close: () => new Promise((ok) => server.close(ok)),
  };
}

async function eventually(fetch, done, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let value = await fetch();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 100));
    value = await fetch();
  }
  assert.ok(done(value), JSON.stringify(value));
  return value;
}

/** The status of a call the client rejected (it rejects every non-2xx answer). */
async function statusOf(call) {
  try {
    return (await call).statusCode;
  } catch (e) {
    return e.statusCode;
  }
}

for (const backend of ['sqlite', 'postgres']) {
  describe(`webhook event log (${backend})`, () => {
    let server = null;
    let receiver;
    before(async () => {
      server = await startServer(backend);
      receiver = await scriptedReceiver();
    });
    after(async () => {
      await receiver?.close();
      await server?.stop();
    });

    test('succeeded, retrying, failed and replayed events', async (t) => {
      if (!server) {
        t.skip('PostgreSQL is not reachable');
        return;
      }
      const client = new FusionAuthClient(server.apiKey, server.baseUrl);
      const tenants = (await client.retrieveTenants()).response.tenants;
      const tenantId = tenants.find((x) => x.name === 'Default').id;
      await client.patchTenant(tenantId, {
        tenant: { eventConfiguration: { events: { 'user.action': { enabled: true } } } },
      });
      const webhookId = (await client.createWebhook(null, {
        webhook: {
          url: receiver.url, connectTimeout: 2000, readTimeout: 2000,
          eventsEnabled: { 'user.action': true }, global: true,
        },
      })).response.webhook.id;
      const actionId = (await client.createUserAction(null, {
        userAction: { name: 'Ban', temporal: true },
      })).response.userAction.id;
      const user = async () => (await client.createUser(null, {
        user: { email: `${randomUUID().slice(0, 12)}@example.com`, password: 'middle-out!' },
      })).response.user.id;
      const [succeeding, retrying, gone] = [await user(), await user(), await user()];
      receiver.script(retrying, [500]);
      receiver.script(gone, [410, 200]);
      const instances = {};
      for (const u of [succeeding, retrying, gone]) {
        instances[u] = (await client.actionUser({
          broadcast: true,
          action: {
            userActionId: actionId, actioneeUserId: u, actionerUserId: u,
            expiry: Date.now() + 3_600_000,
          },
        })).response.action.id;
      }
      const eventOf = (u) => eventually(
        async () => receiver.events.find((e) => e.actioneeUserId === u),
        (e) => e !== undefined,
      );
      const events = {};
      for (const u of [succeeding, retrying, gone]) events[u] = await eventOf(u);
      const logOf = async (u) => (await client.retrieveWebhookEventLog(events[u].id))
        .response.webhookEventLog;
      const checkAttempts = async (log) => {
        for (const attempt of log.attempts) {
          const one = (await client.retrieveWebhookAttemptLog(attempt.id)).response.webhookAttemptLog;
          assert.deepEqual(one, attempt);
          assert.equal(one.webhookEventLogId, log.id);
        }
      };

      let log = await eventually(() => logOf(succeeding), (l) => l.eventResult === 'Succeeded');
      assert.deepEqual(log.event, events[succeeding]);
      assert.equal(log.eventType, 'user.action');
      assert.equal(log.linkedObjectId, instances[succeeding]);
      assert.equal(typeof log.sequence, 'number');
      assert.equal(log.successfulAttempts, 1);
      assert.equal(log.attempts[0].attemptResult, 'Success');
      assert.deepEqual(log.attempts[0].webhookCallResponse, { statusCode: 200 });
      await checkAttempts(log);

      log = await eventually(() => logOf(retrying), (l) => l.attempts.length >= 1);
      assert.equal(log.eventResult, 'Running');
      assert.ok(log.nextAttemptInstant >= log.lastAttemptInstant, JSON.stringify(log));
      assert.equal(log.attempts[0].attemptResult, 'Failure');
      assert.equal(log.attempts[0].webhookCallResponse.statusCode, 500);
      await checkAttempts(log);

      log = await eventually(() => logOf(gone), (l) => l.eventResult === 'Failed');
      assert.equal(log.nextAttemptInstant, undefined);
      assert.equal(log.attempts[0].webhookCallResponse.statusCode, 410);
      await checkAttempts(log);

      const search = async (criteria) => (await client.searchWebhookEventLogs({ search: criteria }))
        .response;
      let found = await search({ webhookId, eventResult: 'Failed' });
      assert.deepEqual(found.webhookEventLogs.map((l) => l.id), [events[gone].id]);
      assert.equal(found.total, 1);
      found = await search({ webhookId, orderBy: 'insertInstant ASC' });
      assert.deepEqual(
        found.webhookEventLogs.map((l) => l.id),
        [succeeding, retrying, gone].map((u) => events[u].id),
      );
      found = await search({ linkedObjectId: instances[retrying] });
      assert.deepEqual(found.webhookEventLogs.map((l) => l.eventResult), ['Running']);
      assert.equal(await statusOf(client.searchWebhookEventLogs({ search: { eventResult: 'Done' } })), 400);
      assert.equal(await statusOf(client.retrieveWebhookEventLog(randomUUID())), 404);
      assert.equal(await statusOf(client.retrieveWebhookAttemptLog(randomUUID())), 404);

      const replay = await fetch(
        `${server.baseUrl}/api/system/webhook-event-log/${events[gone].id}/replay`,
        { method: 'POST', headers: { Authorization: server.apiKey } },
      );
      assert.equal(replay.status, 200);
      assert.equal((await replay.json()).webhookEventLog.eventResult, 'Running');
      log = await eventually(() => logOf(gone), (l) => l.eventResult === 'Succeeded');
      assert.deepEqual(log.attempts.map((a) => a.attemptResult), ['Failure', 'Success']);
      await checkAttempts(log);

      await client.deleteWebhook(webhookId);
    });
  });
}
