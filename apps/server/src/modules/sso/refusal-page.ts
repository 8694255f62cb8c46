import type { ErrorReason } from '@stagecast/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';

/**
 * A refused sign-in navigation (`/auth/jwt`, `/auth/oidc/*`) answers a person, who arrived by a
 * link or a redirect, not a script: a small page in their language saying what happened and
 * where to go, with the API's error status. A caller that asks for JSON (`Accept:
 * application/json`, as the API's clients do) gets the API's error body instead.
 */

type Language = 'en' | 'zh-CN' | 'ko';

interface PageText {
  title: string;
  signIn: string;
  plaza: string;
  reasons: Partial<Record<ErrorReason, string>> & { default: string };
}

const TEXT: Record<Language, PageText> = {
  en: {
    title: 'Could not sign you in',
    signIn: 'Sign in',
    plaza: 'Go to the plaza',
    reasons: {
      jwt_invalid: 'This sign-in link is not valid.',
      jwt_expired: 'This sign-in link has expired. Open the session again from your site.',
      jwt_not_yet_valid:
        'This sign-in link is not valid yet: the clocks of the two servers disagree.',
      jwt_wrong_issuer: 'This sign-in link was not made for this server.',
      jwt_wrong_audience: 'This sign-in link was not made for this server.',
      jwt_replayed: 'This sign-in link was already used. Open the session again from your site.',
      sso_not_configured: 'Signing in from another site is not set up on this server.',
      oidc_state_mismatch:
        'This sign-in could not be checked, or it was already used. Start again.',
      oidc_failed: 'The sign-in provider did not sign you in.',
      oidc_unavailable: 'The sign-in provider cannot be reached right now. Try again shortly.',
      default: 'Something went wrong while signing you in.',
    },
  },
  'zh-CN': {
    title: '无法登录',
    signIn: '登录',
    plaza: '前往广场',
    reasons: {
      jwt_invalid: '此登录链接无效。',
      jwt_expired: '此登录链接已过期。请从你的网站重新打开该场次。',
      jwt_not_yet_valid: '此登录链接尚未生效：两台服务器的时钟不一致。',
      jwt_wrong_issuer: '此登录链接不是为本服务器生成的。',
      jwt_wrong_audience: '此登录链接不是为本服务器生成的。',
      jwt_replayed: '此登录链接已被使用。请从你的网站重新打开该场次。',
      sso_not_configured: '本服务器未设置从其他网站登录。',
      oidc_state_mismatch: '无法核验此次登录，或它已被使用。请重新开始。',
      oidc_failed: '登录服务未能让你登录。',
      oidc_unavailable: '暂时无法连接登录服务。请稍后再试。',
      default: '登录时出了问题。',
    },
  },
  ko: {
    title: '로그인할 수 없습니다',
    signIn: '로그인',
    plaza: '광장으로 가기',
    reasons: {
      jwt_invalid: '이 로그인 링크는 유효하지 않습니다.',
      jwt_expired: '이 로그인 링크는 만료되었습니다. 사이트에서 세션을 다시 여세요.',
      jwt_not_yet_valid: '이 로그인 링크는 아직 유효하지 않습니다. 두 서버의 시계가 맞지 않습니다.',
      jwt_wrong_issuer: '이 로그인 링크는 이 서버용으로 만들어지지 않았습니다.',
      jwt_wrong_audience: '이 로그인 링크는 이 서버용으로 만들어지지 않았습니다.',
      jwt_replayed: '이 로그인 링크는 이미 사용되었습니다. 사이트에서 세션을 다시 여세요.',
      sso_not_configured: '이 서버에는 다른 사이트를 통한 로그인이 설정되어 있지 않습니다.',
      oidc_state_mismatch: '이 로그인을 확인할 수 없거나 이미 사용되었습니다. 다시 시작하세요.',
      oidc_failed: '로그인 제공자가 로그인을 완료하지 않았습니다.',
      oidc_unavailable: '지금은 로그인 제공자에 연결할 수 없습니다. 잠시 후 다시 시도하세요.',
      default: '로그인하는 중에 문제가 발생했습니다.',
    },
  },
};

/** The first of the reader's languages that we speak (`Accept-Language`), else English. */
export function pageLanguage(acceptLanguage: string | undefined): Language {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('ko')) return 'ko';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The page for `err`; its technical message is shown small, for whoever sets the site up. */
export function refusalHtml(err: AppError, language: Language): string {
  const text = TEXT[language];
  const said = (err.reason && text.reasons[err.reason]) ?? text.reasons.default;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}small{color:#555}a{margin-right:1rem}</style>
</head>
<body>
<h1>${escapeHtml(text.title)}</h1>
<p data-reason="${escapeHtml(err.reason ?? err.code)}">${escapeHtml(said)}</p>
<p><small>${escapeHtml(err.message)}</small></p>
<p><a href="/login">${escapeHtml(text.signIn)}</a><a href="/live">${escapeHtml(text.plaza)}</a></p>
</body>
</html>
`;
}

/** Wants the API's JSON rather than a page: asks for JSON and not for HTML. */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * Answers a refused sign-in navigation: a page for a browser, the error body for the API's
 * clients. Anything that is not an `AppError` goes to the app's error handler (a 500 that
 * reveals nothing).
 */
export function sendRefusal(request: FastifyRequest, reply: FastifyReply, err: unknown) {
  if (!(err instanceof AppError) || wantsJson(request)) throw err;
  return reply
    .code(err.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .send(refusalHtml(err, pageLanguage(request.headers['accept-language'])));
}

/** Runs a sign-in navigation's work; a refusal it throws (an `AppError`) goes to `sendRefusal`. */
export async function orRefusal<Result>(
  request: FastifyRequest,
  reply: FastifyReply,
  work: () => Promise<Result>,
): Promise<Result | FastifyReply> {
  try {
    return await work();
  } catch (err) {
    return sendRefusal(request, reply, err);
  }
}
