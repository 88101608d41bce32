import { allows } from '../api/roles.ts';
import type { Me } from '../api/types.ts';
import type { LiveStatus } from '../live/live-stream.ts';
import type { Route } from '../routes.ts';

interface Props { readonly me: Me; readonly route: Route; readonly live: LiveStatus; readonly onSignOut: () => void }

const LINKS: readonly { href: string; label: string; pages: readonly Route['page'][]; admin?: true }[] = [
  { href: '#/', label: 'Fleet', pages: ['fleet', 'station'] },
  { href: '#/sessions', label: 'Sessions', pages: ['sessions', 'session'] },
  { href: '#/id-tags', label: 'Id tags', pages: ['id-tags'] },
  { href: '#/tariffs', label: 'Tariffs', pages: ['tariffs'] },
  { href: '#/cdrs', label: 'CDRs', pages: ['cdrs'] },
  { href: '#/dead-letters', label: 'Dead letters', pages: ['dead-letters'], admin: true },
];

export function NavBar({ me, route, live, onSignOut }: Props) {
  return (
    <header class="nav">
      <a class="brand" href="#/">CSMS</a>
      <nav>
        {LINKS.filter((link) => !link.admin || allows(me.role, 'admin')).map((link) => (
          <a key={link.href} href={link.href} class={link.pages.includes(route.page) ? 'active' : undefined}>{link.label}</a>
        ))}
      </nav>
      <span class={`live live-${live}`} data-testid="live-indicator" title="Live events from GET /live">{live}</span>
      <span class="who" data-testid="who">{me.id} <span class="role">{me.role}</span></span>
      <button type="button" class="link" data-testid="sign-out" onClick={onSignOut}>Sign out</button>
    </header>
  );
}
