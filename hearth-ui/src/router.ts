// Client routes under /ui/ with the History API; the gateway answers index.html for any of them.
import { useEffect, useState } from 'preact/hooks';

const BASE = '/ui/';

export function currentRoute(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  return path.replace(/\/+$/, '');
}

export function href(route: string): string {
  return BASE + route;
}

export function navigate(route: string): void {
  history.pushState(null, '', href(route));
  window.dispatchEvent(new Event('hearth:navigate'));
}

export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('popstate', update);
    window.addEventListener('hearth:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('hearth:navigate', update);
    };
  }, []);
  return route;
}

/** Follows same-origin /ui/ links without reloading the page (ctrl/cmd/middle clicks still open tabs). */
export function interceptLinks(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const link = (event.target as Element).closest('a');
  if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
  if (!link.pathname.startsWith(BASE)) return;
  event.preventDefault();
  navigate(link.pathname.slice(BASE.length));
}
