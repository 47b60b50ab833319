import { PEOPLE, type Person, SHOP_NAMES } from '../../people';

/** The first thing a device asks: who is using it. Each person sees their own shop and a shared one. */
export function SignIn({ onSignIn }: { onSignIn: (person: Person) => void }) {
  return (
    <main className="signin" aria-labelledby="signin-title" data-testid="person-picker">
      <img src="/icon.svg" alt="" width="40" height="40" />
      <h1 id="signin-title">Who are you?</h1>
      <p className="muted">
        Pick a person. Each has a shop of their own and one they share; this device shows only
        theirs.
      </p>
      <ul className="people">
        {PEOPLE.map((person) => (
          <li key={person.id}>
            <button
              type="button"
              aria-label={`Sign in as ${person.name}`}
              onClick={() => onSignIn(person)}
            >
              <strong>{person.name}</strong>
              <span className="muted">
                {person.shops.map((shop) => SHOP_NAMES[shop]).join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
