import { notFound } from "next/navigation";
import { requireUser } from "@/lib/authz/guard";
import { KpiTile, type KpiTileProps } from "@/components/kpi-tile/kpi-tile";
import { Chips } from "@/components/filters/chips";
import { Dialog } from "@/components/dialog/dialog";
import { EmptyState, ErrorState } from "@/components/states/states";
import { contrastRatio } from "./contrast";
import styles from "./design.module.css";

export const dynamic = "force-dynamic";
export const metadata = { title: "Design system" };

/** The colour tokens of app/globals.css (kept in step by hand: this page documents them). */
const COLOURS = [
  ["--text", "#1b1f24"],
  ["--muted", "#57606a"],
  ["--accent", "#0b5cad"],
  ["--good", "#1a7f37"],
  ["--bad", "#b42318"],
  ["--warn", "#9a6700"],
  ["--chart-1", "#0b5cad"],
  ["--chart-2", "#1a7f37"],
  ["--chart-3", "#b35900"],
  ["--chart-4", "#8250df"],
  ["--chart-5", "#5c6670"],
  ["--chart-6", "#bf3989"],
] as const;
const TYPE = ["--text-xs", "--text-sm", "--text-md", "--text-lg", "--text-xl", "--text-2xl"];
const SPACE = ["--space-1", "--space-2", "--space-3", "--space-4", "--space-5", "--space-6"];

const definition = {
  label: "Definition of Revenue",
  summary: "Money from the deals won in the period.",
  exact: "Exact value: $2,223,914.70",
  rule: "Rule: Σ amount of deals won in P.",
  glossaryHref: "/glossary#revenue",
  glossaryLabel: "Revenue in the glossary",
};
const headline: KpiTileProps = {
  kpi: "design-revenue",
  label: "Revenue",
  value: 2223914.7,
  display: "$2.22M",
  definition,
  href: "#",
  linkLabel: "See the records behind Revenue",
  variant: "headline",
  trend: [120, 180, 150, 210, 190, 260, 240, 300, 280, 320, 310, 360],
  comparisons: [
    { label: "vs previous period and last year", change: "+$919K", pct: "+70.4%", direction: "up", tone: "good", toneLabel: "up, better", compared: "$1.30M" },
  ],
};

/**
 * The design system, documented with live components: tokens (colours with their contrast on
 * white, type scale, spacing), KPI tiles, chips, the dialog, empty and error states. For
 * admins in development builds only (notFound() otherwise; the role is checked here, on the server).
 */
export default async function DesignPage() {
  if (process.env.NODE_ENV !== "development") notFound();
  const user = await requireUser();
  if (user.role !== "admin") notFound();
  return (
    <section aria-labelledby="page-title" className={styles.page}>
      <header className="page-header">
        <h1 id="page-title">Design system</h1>
      </header>
      <p className="muted">Tokens live in app/globals.css, components in components/. Use the tokens, never raw values.</p>

      <h2>Colours</h2>
      <ul className={styles.swatches}>
        {COLOURS.map(([name, hex]) => (
          <li key={name}>
            <span className={styles.swatch} style={{ background: `var(${name})` }} />
            <code>{name}</code> <span className="muted">{hex}</span> · {contrastRatio(hex, "#ffffff").toFixed(1)}:1 on white
          </li>
        ))}
      </ul>

      <h2>Type scale</h2>
      {TYPE.map((name) => (
        <p key={name} style={{ fontSize: `var(${name})`, margin: "0.2rem 0" }}>
          <code>{name}</code> Revenue $2.22M
        </p>
      ))}

      <h2>Spacing</h2>
      {SPACE.map((name) => (
        <div key={name} className={styles.spaceRow}>
          <code>{name}</code>
          <span className={styles.spaceBar} style={{ width: `var(${name})` }} />
        </div>
      ))}

      <h2>KPI tiles</h2>
      <p className="muted">Values never wrap: compact on the tile, exact in the definition. Arrow = direction, colour = good or bad news.</p>
      <div className={styles.tiles}>
        <KpiTile {...headline} />
        <KpiTile
          {...headline}
          kpi="design-mqls"
          label="MQLs"
          value={425}
          display="425"
          variant="compact"
          trend={undefined}
          target={{ progress: 0.354, label: "35.4% of the target (1,200)", tone: "bad" }}
          comparisons={[{ label: "vs previous period", change: "+2", pct: "+1.6%", direction: "up", tone: "bad", toneLabel: "up, worse", compared: "124" }]}
        />
        <KpiTile
          {...headline}
          kpi="design-null"
          label="Revenue growth"
          value={null}
          display="—"
          variant="compact"
          trend={undefined}
          nullReason="No revenue in the same period last year."
          comparisons={[{ label: "vs previous period", change: "no comparison", direction: "none", tone: "none", toneLabel: "", compared: "" }]}
        />
      </div>

      <h2>Chips</h2>
      <Chips
        label="Applied filters"
        chips={[
          { key: "a", label: "SMB", removeLabel: "Remove filter Segment: SMB", href: "#" },
          { key: "b", label: "Paid search", removeLabel: "Remove filter Source channel: Paid search", href: "#" },
        ]}
        clearAll={{ label: "Clear all", href: "#" }}
      />

      <h2>Dialog</h2>
      <Dialog triggerLabel="Open a dialog" title="A native dialog" closeLabel="Close">
        <p>Focus moves in, Escape closes, focus returns to the button.</p>
      </Dialog>

      <h2>Empty and error states</h2>
      <div className={styles.tiles}>
        <EmptyState title="No deals in this period.">Try a longer period.</EmptyState>
        <ErrorState title="The numbers could not be loaded.">Try again; if it keeps happening, tell an administrator.</ErrorState>
      </div>

      <h2>Also in the system</h2>
      <ul>
        <li>Filter bar (components/filters/filter-form.tsx): one line, drop-downs, “More”, chips; folds behind a button on a phone.</li>
        <li>Data table (components/data-table): sort marked only where active (aria-sort), header and total pinned.</li>
        <li>Chart (components/chart): the one Chart.js wrapper; palette tokens, axis titles, bar labels, a data table.</li>
      </ul>
    </section>
  );
}
