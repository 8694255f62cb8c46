import { wrongState } from '../../errors.js';
import type { SessionAccess } from '../sessions/access.js';

/** Nothing new (a poll, a vote, a question) in an ended session: 409 `ended`. */
export function assertNotEnded(access: SessionAccess): void {
  if (access.view.session.status === 'ended') {
    throw wrongState('ended', 'this session has ended', 'ended');
  }
}
