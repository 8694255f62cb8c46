import { describe, expect, it } from 'vitest';
import { profileFromClaims, readClaim, roleFromClaim } from './claims.js';

describe('roleFromClaim', () => {
  it.each([
    ['admin', 'admin'],
    ['Mentor', 'mentor'],
    [' ADMIN ', 'admin'],
    ['user', 'user'],
    ['teacher', 'user'],
    ['superadmin', 'user'],
    [undefined, 'user'],
    [42, 'user'],
    [['student', 'mentor'], 'mentor'],
    [['mentor', 'admin', 'x'], 'admin'],
    [[], 'user'],
  ])('maps %j to %s', (value, role) => {
    expect(roleFromClaim(value)).toBe(role);
  });
});

describe('readClaim', () => {
  it('follows a dotted path into nested claims, and gives undefined off the path', () => {
    const claims = { role: 'mentor', realm_access: { roles: ['admin'] }, list: ['a'] };
    expect(readClaim(claims, 'role')).toBe('mentor');
    expect(readClaim(claims, 'realm_access.roles')).toEqual(['admin']);
    expect(readClaim(claims, 'realm_access.missing.deeper')).toBeUndefined();
    expect(readClaim(claims, 'list.0')).toBeUndefined();
    const namespaced = { 'https://school.example.com/roles': ['mentor'] };
    expect(readClaim(namespaced, 'https://school.example.com/roles')).toEqual(['mentor']);
  });
});

describe('profileFromClaims', () => {
  it('takes sub as the key, the name (else preferred_username), the email, and the role when a claim is set', () => {
    const claims = {
      iss: 'https://i',
      sub: 's-1',
      preferred_username: 'ada',
      email: 'Ada@X.example',
      role: 'mentor',
    };
    expect(profileFromClaims(claims, 'role')).toEqual({
      issuer: 'https://i',
      subject: 's-1',
      name: 'ada',
      email: 'ada@x.example',
      role: 'mentor',
    });
    expect(profileFromClaims({ ...claims, name: 'Ada L.' }, undefined)).toMatchObject({
      name: 'Ada L.',
      role: undefined,
    });
  });
});
