import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Person } from '../people';
import { App } from './App';
import { currentDevice } from './device';
import { LogbookProvider } from './shop';
import { connectShop, type ShopClient } from './signin/connectShop';
import { tokenLifetimeOf } from './signin/devTokenSource';
import { SignIn } from './signin/SignIn';
import { SessionProvider } from './signin/session';
import { forgetSignIn, rememberSignIn, signedInPerson } from './signin/signedIn';
import { detectSyncMode, type SyncMode } from './signin/syncMode';
import { syncsWithServer } from './syncFlag';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const device = currentDevice();
const tokenSeconds = tokenLifetimeOf();
/** The store of the person signed in, closed when they sign out. */
let client: ShopClient | undefined;

function render(content: React.ReactNode) {
  root.render(<StrictMode>{content}</StrictMode>);
}

/** Closes the person's store (its worker too), then starts over: sign-in, or their store again. */
async function restart(mode: SyncMode) {
  const open = client;
  client = undefined;
  await open?.close();
  start(mode);
}

function start(mode: SyncMode) {
  const person = signedInPerson(device);
  if (!person) {
    render(
      <SignIn
        onSignIn={(chosen: Person) => {
          rememberSignIn(device, chosen);
          start(mode);
        }}
      />,
    );
    return;
  }
  render(<p className="splash">Opening {person.name}’s store…</p>);
  const actions = {
    signOut: () => {
      forgetSignIn(device);
      void restart(mode);
    },
    signInAgain: () => void restart(mode),
  };
  connectShop({ device, person, mode, tokenSeconds }).then(
    (connected) => {
      client = connected;
      render(
        <LogbookProvider client={connected}>
          <SessionProvider device={device} mode={mode} person={person} actions={actions}>
            <App device={device} />
          </SessionProvider>
        </LogbookProvider>,
      );
    },
    (error: Error) =>
      render(
        <p className="splash splash-error" role="alert">
          The store could not start: {error.message}
        </p>,
      ),
  );
}

render(<p className="splash">Starting the store…</p>);
if (syncsWithServer()) detectSyncMode().then(start);
else start('off');
