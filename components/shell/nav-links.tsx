"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** One navigation entry; `badge` is a note beside it (the feedback inbox's unread count). */
export interface NavItem {
  href: string;
  label: string;
  area: string;
  badge?: string;
}

/** The navigation list; marks the current area with aria-current for screen readers. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul>
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.area}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              data-area={item.area}
              aria-describedby={item.badge ? `nav-badge-${item.area}` : undefined}
            >
              {item.label}
            </Link>
            {item.badge ? (
              <span className="nav-badge" id={`nav-badge-${item.area}`}>
                {item.badge}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
