import Link from 'next/link';
import type { NavItem } from './nav';

/** The page at `pathname` is `href` or one below it (settings/api-docs is in Settings). */
export const isCurrent = (pathname: string, href: string) => pathname === href || pathname.startsWith(`${href}/`);

/** One `li` link a destination, the current page's marked aria-current="page" (the styles key on it). */
export function NavLinks({
  items,
  pathname,
  itemClassName,
  linkClassName,
  iconClassName,
  onNavigate,
}: {
  items: NavItem[];
  pathname: string;
  itemClassName?: string;
  linkClassName: string;
  iconClassName: string;
  onNavigate?: () => void;
}) {
  return items.map(({ href, label, icon: Icon }) => (
    <li key={href} className={itemClassName}>
      <Link href={href} aria-current={isCurrent(pathname, href) ? 'page' : undefined} onClick={onNavigate} className={linkClassName}>
        <Icon className={iconClassName} aria-hidden />
        {label}
      </Link>
    </li>
  ));
}
