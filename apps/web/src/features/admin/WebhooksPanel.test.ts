// @vitest-environment happy-dom
import type { WebhookDelivery, WebhookEndpoint } from '@stagecast/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openAppAt } from '../../test-support/open-app.js';
import { apiError } from '../room/testing/fake-api.js';
import type { FakeRoute } from '../room/testing/fake-api.js';
import { admin, prepareAdminPageTests } from './testing/admin-page.js';

prepareAdminPageTests();

const W = '/api/v1/admin/webhooks';
const endpoint = (overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  webhook_id: 'w1',
  url: 'https://school.example.com/hooks',
  description: 'LMS attendance',
  event_types: ['session.started', 'session.ended'],
  enabled: true,
  created_at: '2026-12-01T09:00:00.000Z',
  updated_at: '2026-12-01T09:00:00.000Z',
  ...overrides,
});
const delivery = (overrides: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  delivery_id: 7,
  event_id: 'msg_1',
  event_type: 'session.started',
  status: 'delivered',
  attempts: 1,
  last_status_code: 204,
  last_error: null,
  last_attempt_at: '2026-12-01T09:01:00.000Z',
  next_attempt_at: null,
  delivered_at: '2026-12-01T09:01:00.000Z',
  created_at: '2026-12-01T09:01:00.000Z',
  payload: { type: 'session.started', timestamp: '2026-12-01T09:01:00.000Z', data: {} },
  ...overrides,
});

/** The admin page's Webhooks tab, against a fake API. */
function openWebhooks(routes: Record<string, FakeRoute>) {
  return openAppAt('/admin?tab=webhooks', {
    'GET /api/v1/auth/me': { status: 200, body: { user: admin } },
    ...routes,
  }).calls;
}

describe('the admin page’s webhooks tab', () => {
  it('adds an endpoint for the ticked events and shows its secret once', async () => {
    let listed: WebhookEndpoint[] = [];
    const calls = openWebhooks({
      [`GET ${W}`]: () => ({ status: 200, body: { webhooks: listed } }),
      [`POST ${W}`]: (body) => {
        const created = endpoint({
          url: (body as { url: string }).url,
          event_types: ['participant.joined'],
        });
        listed = [created];
        return {
          status: 201,
          body: { webhook: created, secret: 'whsec_c2VjcmV0', previous_secret_expires_at: null },
        };
      },
    });
    expect(await screen.findByText('No endpoints yet.')).toBeDefined();
    expect(screen.getByTestId('admin-tab-webhooks').getAttribute('aria-selected')).toBe('true');

    fireEvent.change(screen.getByTestId('webhook-url'), {
      target: { value: ' https://school.example.com/hooks ' },
    });
    fireEvent.click(screen.getByTestId('webhook-type-participant.joined'));
    fireEvent.click(screen.getByTestId('webhook-create'));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        url: 'https://school.example.com/hooks',
        description: '',
        event_types: ['participant.joined'],
      }),
    );
    expect((await screen.findByTestId('webhook-secret')).textContent).toBe('whsec_c2VjcmV0');
    const row = await screen.findByTestId('admin-webhook-row');
    expect(row.textContent).toContain('participant.joined');
    fireEvent.click(screen.getByTestId('webhook-secret-done'));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
  });

  it('says in the reader’s words why a private target was refused', async () => {
    openWebhooks({
      [`GET ${W}`]: { status: 200, body: { webhooks: [] } },
      [`POST ${W}`]: apiError(400, 'VALIDATION_FAILED', 'webhook_target_private'),
    });
    fireEvent.change(await screen.findByTestId('webhook-url'), {
      target: { value: 'http://127.0.0.1:9000/hooks' },
    });
    fireEvent.click(screen.getByTestId('webhook-create'));
    expect((await screen.findByRole('alert')).textContent).toContain('WEBHOOK_ALLOW_PRIVATE');
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
  });

  it('shows the delivery log with each response code, and sends a delivery again', async () => {
    const calls = openWebhooks({
      [`GET ${W}`]: { status: 200, body: { webhooks: [endpoint()] } },
      [`GET ${W}/w1/deliveries`]: {
        status: 200,
        body: {
          deliveries: [
            delivery(),
            delivery({
              delivery_id: 6,
              event_id: 'msg_0',
              status: 'failed',
              attempts: 20,
              last_status_code: null,
              last_error: 'connection refused',
            }),
            delivery({
              delivery_id: 5,
              status: 'pending',
              attempts: 2,
              last_status_code: 500,
              last_error: 'HTTP 500: oops',
              next_attempt_at: '2026-12-01T09:05:00.000Z',
            }),
          ],
          has_more: false,
          next_before: null,
        },
      },
      [`POST ${W}/w1/deliveries/6/replay`]: { status: 200, body: { delivery: delivery() } },
    });
    fireEvent.click(await screen.findByTestId('webhook-deliveries-w1'));
    const rows = await screen.findAllByTestId('webhook-delivery-row');
    expect(rows.map((r) => within(r).getByTestId('delivery-code').textContent)).toEqual([
      '204',
      'No answer',
      '500',
    ]);
    expect(rows[1]!.textContent).toContain('connection refused');
    expect(rows[1]!.textContent).toContain('Failed');

    fireEvent.click(screen.getByTestId('delivery-replay-6'));
    await waitFor(() =>
      expect(
        calls.some((c) => c.method === 'POST' && c.path === `${W}/w1/deliveries/6/replay`),
      ).toBe(true),
    );
    expect((await screen.findByText(/queued to be sent again/)).textContent).toBe(
      'The session.started event is queued to be sent again.',
    );
  });

  it('deletes an endpoint only after a confirmation', async () => {
    const calls = openWebhooks({
      [`GET ${W}`]: { status: 200, body: { webhooks: [endpoint()] } },
      [`DELETE ${W}/w1`]: { status: 204 },
    });
    fireEvent.click(await screen.findByTestId('webhook-delete-w1'));
    expect((await screen.findByRole('dialog')).textContent).toContain(
      'Delete the endpoint https://school.example.com/hooks?',
    );
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    expect((await screen.findByTestId('admin-notice')).textContent).toBe(
      'The endpoint https://school.example.com/hooks is deleted.',
    );
  });
});
