// Which page the route shows, and whether the role may see it.
import { allows } from '../api/roles.ts';
import { assertNever } from '../live/fleet-reducer.ts';
import type { Route } from '../routes.ts';
import { useSession } from '../ui/session-context.ts';
import { SessionPage } from '../sessions/session-page.tsx';
import { SessionsPage } from '../sessions/sessions-page.tsx';
import { StationPage } from '../station/station-page.tsx';
import { CdrsPage } from './cdrs-page.tsx';
import { DeadLettersPage } from './dead-letters-page.tsx';
import { FleetPage } from './fleet-page.tsx';
import { IdTagsPage } from './id-tags-page.tsx';
import { TariffsPage } from './tariffs-page.tsx';

function Missing({ what }: { what: string }) {
  return <main><h1>Not found</h1><p>{what}</p><p><a href="#/">Back to the fleet</a></p></main>;
}

export function Pages({ route }: { route: Route }) {
  const { me } = useSession();
  switch (route.page) {
    case 'fleet':
    case 'sign-in':
      return <FleetPage />;
    case 'tariffs':
      return <TariffsPage />;
    case 'cdrs':
      return <CdrsPage />;
    case 'dead-letters':
      return allows(me.role, 'admin') ? <DeadLettersPage /> : <Missing what="Dead letters are for admins." />;
    case 'station':
      return <StationPage key={route.id} id={route.id} />;
    case 'sessions':
      return <SessionsPage />;
    case 'session':
      return <SessionPage key={route.id} id={route.id} />;
    case 'id-tags':
      return <IdTagsPage />;
    case 'not-found':
      return <Missing what={`Nothing at ${route.hash}.`} />;
    default:
      return assertNever(route);
  }
}
