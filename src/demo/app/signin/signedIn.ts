import { findPerson, type Person } from '../../people';

/** Who is signed in on `device`, kept in this browser: each device remembers its own person. */
const key = (device: string) => `logbook-demo-person:${device}`;

export function signedInPerson(device: string): Person | undefined {
  return findPerson(localStorage.getItem(key(device)));
}

export function rememberSignIn(device: string, person: Person): void {
  localStorage.setItem(key(device), person.id);
}

export function forgetSignIn(device: string): void {
  localStorage.removeItem(key(device));
}
