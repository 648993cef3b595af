"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The navigation list; marks the current area with aria-current for screen readers. */
export function NavLinks({ items }: { items: { href: string; label: string; area: string }[] }) {
  const pathname = usePathname();
  return (
    <ul>
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.area}>
            <Link href={item.href} aria-current={current ? "page" : undefined} data-area={item.area}>
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
