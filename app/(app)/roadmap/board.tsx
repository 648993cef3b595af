"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useQueryState } from "nuqs";
import {
  DndContext,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  closestCorners,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { formatDay } from "@/lib/format";
import { moveCardAction } from "./actions";
import { OWNING_TEAMS, type OwningTeam } from "@/lib/roadmap/constants";
import { isOverdue } from "@/lib/roadmap/due";
import type { KpiKey } from "@/lib/roadmap/kpi";
import { arrayMove } from "@/lib/roadmap/ordering";
import type { Board, BoardCard, BoardColumn } from "@/lib/roadmap/queries";
import { roadmapSearchParams } from "@/lib/roadmap/search-params";
import styles from "./board.module.css";
import { useActionError } from "@/components/forms/use-action-form";
import { HealthBadge, KpiLine, TeamBadge, columnLabel } from "./ui";

/**
 * The roadmap board. Cards are dragged by their handle with the mouse, touch or keyboard
 * (@dnd-kit: Space/Enter picks up, arrows move within and between columns, Space/Enter drops,
 * Escape cancels); every step is announced to screen readers in the user's language. A drop
 * calls the move server action with the card's version; the order the server answers with is
 * the order shown (a refused move puts the card back and says why).
 */
type Order = Record<number, number[]>; // column id → card ids in order

const COLUMN_PREFIX = "column:";
const columnDroppableId = (id: number) => `${COLUMN_PREFIX}${id}`;

function orderOf(board: Board): Order {
  const order: Order = Object.fromEntries(board.columns.map((c) => [c.id, [] as number[]]));
  for (const card of [...board.cards].sort((a, b) => a.position - b.position || a.id - b.id)) {
    (order[card.columnId] ??= []).push(card.id);
  }
  return order;
}

export function RoadmapBoard({
  board,
  editableTeams,
  currency,
  kpiCurrent,
  today,
}: {
  board: Board;
  editableTeams: readonly OwningTeam[];
  currency: string;
  kpiCurrent: Partial<Record<KpiKey, number | null>> | null;
  /** Today in the organisation's time zone (YYYY-MM-DD), for the overdue flag. */
  today: string;
}) {
  const t = useTranslations("roadmap");
  const actionError = useActionError("roadmap");
  const router = useRouter();
  const filterId = useId();
  // `?team=`: the board's filter lives in the URL (nuqs, shallow: the server is not asked again).
  const [team, setTeam] = useQueryState("team", roadmapSearchParams.team);
  const [order, setOrder] = useState<Order>(() => orderOf(board));
  const [cards, setCards] = useState<Map<number, BoardCard>>(() => new Map(board.cards.map((c) => [c.id, c])));
  const [synced, setSynced] = useState(board);
  const [activeId, setActiveId] = useState<number | null>(null);
  const [status, setStatus] = useState<{ kind: "info" | "error" | "success"; text: string } | null>(null);
  // On a phone (below ~700 px, see board.module.css) one column is shown at a time; this is it.
  const [phoneColumn, setPhoneColumn] = useState<number | null>(null);
  // The order as of the latest event (drag handlers update it at once; announcements read it).
  const orderRef = useRef(order);
  useEffect(() => {
    orderRef.current = order;
  }, [order]);
  const startRef = useRef<{ order: Order; columnId: number; index: number } | null>(null);

  // New data from the server (after a save or a refresh) replaces the local order — but never
  // in the middle of a drag.
  if (board !== synced && activeId === null) {
    setSynced(board);
    setOrder(orderOf(board));
    setCards(new Map(board.cards.map((c) => [c.id, c])));
  }

  const columns = board.columns;
  const shownColumn =
    columns.find((c) => c.id === phoneColumn)?.id ?? columns.find((c) => c.key === "in_progress")?.id ?? columns[0]?.id ?? null;
  const columnById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const visible = useCallback((id: number) => team === null || cards.get(id)?.team === team, [cards, team]);

  const findColumn = useCallback((id: UniqueIdentifier, current: Order = orderRef.current): number | null => {
    if (typeof id === "string" && id.startsWith(COLUMN_PREFIX)) return Number(id.slice(COLUMN_PREFIX.length));
    for (const [columnId, ids] of Object.entries(current)) if (ids.includes(Number(id))) return Number(columnId);
    return null;
  }, []);

  /**
   * Keyboard moves: up and down within a column as dnd-kit's sortable does; left and right go to
   * the next column by the board's column order (its top), not to whatever card happens to lie
   * geometrically closest, so a keyboard user always lands in the neighbouring column.
   */
  const coordinateGetter = useCallback<KeyboardCoordinateGetter>(
    (event, args) => {
      const step = event.code === "ArrowRight" ? 1 : event.code === "ArrowLeft" ? -1 : 0;
      const active = args.context.active;
      if (step === 0 || !active) return sortableKeyboardCoordinates(event, args);
      const index = columns.findIndex((c) => c.id === findColumn(active.id));
      const target = index < 0 ? undefined : columns[index + step];
      const rect = target ? args.context.droppableRects.get(columnDroppableId(target.id)) : undefined;
      if (!rect) return undefined;
      event.preventDefault();
      return { x: rect.left + 8, y: rect.top + 8 };
    },
    [columns, findColumn],
  );
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  /** Where a card is, counted among the cards shown (1-based), for announcements. */
  const placeOf = useCallback(
    (cardId: number, current: Order = orderRef.current) => {
      const columnId = findColumn(cardId, current);
      const ids = (columnId === null ? [] : (current[columnId] ?? [])).filter((id) => id === cardId || visible(id));
      const column = columnId === null ? undefined : columnById.get(columnId);
      return {
        column: column ? columnLabel(t, column) : "?",
        position: ids.indexOf(cardId) + 1,
        count: ids.length,
      };
    },
    [columnById, findColumn, t, visible],
  );

  const titleOf = useCallback((id: UniqueIdentifier) => cards.get(Number(id))?.title ?? "", [cards]);

  const announcements: Announcements = {
    onDragStart: ({ active }) => t("dnd.pickedUp", { title: titleOf(active.id), ...placeOf(Number(active.id)) }),
    onDragOver: ({ active, over }) => {
      if (!over) return t("dnd.overNothing", { title: titleOf(active.id) });
      const place = placeOf(Number(active.id));
      // Within one column the order changes only on drop: count the place of the card it is over.
      const columnId = findColumn(active.id);
      if (typeof over.id === "number" && over.id !== active.id && columnId !== null && findColumn(over.id) === columnId) {
        const ids = (orderRef.current[columnId] ?? []).filter((x) => x === active.id || visible(x));
        place.position = ids.indexOf(over.id) + 1;
      }
      return t("dnd.over", { title: titleOf(active.id), ...place });
    },
    onDragEnd: ({ active, over }) =>
      over
        ? t("dnd.dropped", { title: titleOf(active.id), ...placeOf(Number(active.id)) })
        : t("dnd.cancelled", { title: titleOf(active.id), column: placeOf(Number(active.id), startRef.current?.order).column }),
    onDragCancel: ({ active }) =>
      t("dnd.cancelled", { title: titleOf(active.id), column: placeOf(Number(active.id), startRef.current?.order).column }),
  };

  function onDragStart({ active }: DragStartEvent) {
    const id = Number(active.id);
    const columnId = findColumn(id);
    if (columnId === null) return;
    startRef.current = { order, columnId, index: (order[columnId] ?? []).indexOf(id) };
    setActiveId(id);
    setStatus(null);
  }

  function onDragOver({ active, over }: DragOverEvent) {
    if (!over) return;
    const from = findColumn(active.id);
    const to = findColumn(over.id);
    if (from === null || to === null || from === to) return;
    const id = Number(active.id);
    // Computed here, not in a state updater, so the announcement that follows sees it.
    const prev = orderRef.current;
    const source = (prev[from] ?? []).filter((x) => x !== id);
    const target = (prev[to] ?? []).filter((x) => x !== id);
    let index = target.length;
    if (!(typeof over.id === "string" && over.id.startsWith(COLUMN_PREFIX))) {
      const overIndex = target.indexOf(Number(over.id));
      const translated = active.rect.current.translated;
      const below = translated && translated.top > over.rect.top + over.rect.height / 2;
      if (overIndex >= 0) index = overIndex + (below ? 1 : 0);
    }
    target.splice(index, 0, id);
    const next = { ...prev, [from]: source, [to]: target };
    orderRef.current = next;
    setOrder(next);
  }

  function restore(to: Order | undefined) {
    if (to) {
      orderRef.current = to;
      setOrder(to);
    }
  }

  async function onDragEnd({ active, over }: DragEndEvent) {
    const start = startRef.current;
    startRef.current = null;
    setActiveId(null);
    const id = Number(active.id);
    if (!start || !over) {
      restore(start?.order);
      return;
    }
    const columnId = findColumn(id);
    if (columnId === null) return restore(start.order);
    let next = orderRef.current;
    const overId = Number(over.id);
    const list = next[columnId] ?? [];
    if (!(typeof over.id === "string") && overId !== id && list.includes(overId)) {
      next = { ...next, [columnId]: arrayMove(list, list.indexOf(id), list.indexOf(overId)) };
      orderRef.current = next;
      setOrder(next);
    }
    const toIndex = (next[columnId] ?? []).indexOf(id);
    if (columnId === start.columnId && toIndex === start.index) return;
    const card = cards.get(id);
    if (!card) return restore(start.order);
    const column = columnById.get(columnId);
    const columnName = column ? columnLabel(t, column) : "";
    setStatus({ kind: "info", text: t("dnd.saving") });
    const result = await moveCardAction({}, { id, version: card.version, toColumnId: columnId, toIndex });
    if (result.ok && result.data) {
      const fresh = result.data.card;
      setCards((prev) => new Map(prev).set(fresh.id, fresh));
      setStatus({ kind: "success", text: t("dnd.saved", { title: fresh.title, column: columnName }) });
      return;
    }
    restore(start.order);
    if (result.code === "stale" && result.data?.card) {
      const fresh = result.data.card;
      setCards((prev) => new Map(prev).set(fresh.id, fresh));
    }
    setStatus({ kind: "error", text: t("dnd.failed", { title: card.title, reason: actionError(result) ?? "" }) });
    router.refresh();
  }

  function onDragCancel() {
    restore(startRef.current?.order);
    startRef.current = null;
    setActiveId(null);
  }

  function chooseTeam(value: string) {
    void setTeam(roadmapSearchParams.team.parse(value));
  }

  return (
    <>
      <div className={styles.toolbar}>
        <div className={`field ${styles.switcher}`}>
          <label htmlFor={`${filterId}-column`}>{t("columnSwitcher.label")}</label>
          <select
            id={`${filterId}-column`}
            value={shownColumn ?? ""}
            onChange={(e) => setPhoneColumn(Number(e.target.value))}
            aria-controls={`${filterId}-board`}
          >
            {columns.map((c) => (
              <option key={c.id} value={c.id}>
                {columnLabel(t, c)} ({(order[c.id] ?? []).filter((id) => visible(id)).length})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${filterId}-team`}>{t("filter.label")}</label>
          <select id={`${filterId}-team`} value={team ?? ""} onChange={(e) => chooseTeam(e.target.value)}>
            <option value="">{t("filter.all")}</option>
            {OWNING_TEAMS.map((tm) => (
              <option key={tm} value={tm}>
                {t(`team.${tm}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div aria-live="polite" role="status" className={styles.live}>
        {status ? <p className={status.kind === "error" ? "form-error" : status.kind === "success" ? "form-success" : "muted"}>{status.text}</p> : null}
      </div>
      <DndContext
        id="roadmap-board"
        sensors={sensors}
        collisionDetection={closestCorners}
        // Cards move between columns while dragging: measure the columns again after every move,
        // so the next arrow key starts from where the card now is.
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("dnd.instructions") } }}
      >
        <div className={styles.board} role="region" aria-label={t("boardLabel")} id={`${filterId}-board`}>
          {columns.map((column) => (
            <Column
              key={column.id}
              column={column}
              phoneHidden={column.id !== shownColumn}
              cardIds={(order[column.id] ?? []).filter((id) => id === activeId || visible(id))}
              cards={cards}
              activeId={activeId}
              editableTeams={editableTeams}
              currency={currency}
              kpiCurrent={kpiCurrent}
              today={today}
            />
          ))}
        </div>
      </DndContext>
    </>
  );
}

function Column({
  column,
  phoneHidden,
  cardIds,
  cards,
  activeId,
  editableTeams,
  currency,
  kpiCurrent,
  today,
}: {
  column: BoardColumn;
  /** Not the column chosen in the phone layout's switcher (hidden below ~700 px only). */
  phoneHidden: boolean;
  cardIds: number[];
  cards: Map<number, BoardCard>;
  activeId: number | null;
  editableTeams: readonly OwningTeam[];
  currency: string;
  kpiCurrent: Partial<Record<KpiKey, number | null>> | null;
  today: string;
}) {
  const t = useTranslations("roadmap");
  const headingId = useId();
  const { setNodeRef, isOver } = useDroppable({ id: columnDroppableId(column.id) });
  const label = columnLabel(t, column);
  return (
    <section
      className={`${styles.column} ${isOver ? styles.columnOver : ""}`}
      aria-labelledby={headingId}
      data-column={column.key}
      data-phone-hidden={phoneHidden ? "true" : undefined}
    >
      <header className={styles.columnHeader}>
        <h2 id={headingId}>{label}</h2>
        <span className={styles.columnCount}>{t("columnCount", { count: cardIds.length })}</span>
      </header>
      <SortableContext id={columnDroppableId(column.id)} items={cardIds} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className={styles.cardList} aria-labelledby={headingId}>
          {cardIds.length === 0 ? <li className={styles.empty}>{t("emptyColumn")}</li> : null}
          {cardIds.map((id) => {
            const card = cards.get(id);
            if (!card) return null;
            return (
              <SortableCard
                key={id}
                card={card}
                editable={editableTeams.includes(card.team)}
                dragging={activeId === id}
                overdue={isOverdue(card.dueOn, today, column.key)}
                currency={currency}
                kpiCurrent={kpiCurrent}
              />
            );
          })}
        </ul>
      </SortableContext>
    </section>
  );
}

function SortableCard({
  card,
  editable,
  dragging,
  overdue,
  currency,
  kpiCurrent,
}: {
  card: BoardCard;
  editable: boolean;
  dragging: boolean;
  /** Due before today (organisation calendar) and not done (lib/roadmap/due). */
  overdue: boolean;
  currency: string;
  kpiCurrent: Partial<Record<KpiKey, number | null>> | null;
}) {
  const t = useTranslations("roadmap");
  const format = useFormatter();
  const titleId = useId();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition } = useSortable({
    id: card.id,
    disabled: !editable,
    attributes: { roleDescription: t("dnd.roleDescription") },
  });
  const style = { transform: CSS.Translate.toString(transform), transition };
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`${styles.card} ${dragging ? styles.dragging : ""}`}
      data-team={card.team}
      data-card-id={card.id}
      aria-labelledby={titleId}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className={styles.handle}
        {...attributes}
        {...listeners}
        disabled={!editable}
        aria-label={t("card.dragHandle", { title: card.title })}
        title={editable ? t("card.dragHandle", { title: card.title }) : t("card.readOnly")}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <h3 className={styles.cardTitle} id={titleId}>
        <Link href={`/roadmap/${card.id}`}>{card.title}</Link>
      </h3>
      <dl className={styles.meta}>
        <dt>{t("card.team")}</dt>
        <dd>
          <TeamBadge team={card.team} />
        </dd>
        <dt>{t("card.health")}</dt>
        <dd>
          <HealthBadge health={card.health} />
        </dd>
        <dt>{t("card.owner")}</dt>
        <dd>{card.ownerName ?? t("card.noOwner")}</dd>
        {card.dueOn ? (
          <>
            <dt>{t("card.due")}</dt>
            <dd className={overdue ? styles.overdue : undefined}>
              {t("card.due")} {formatDay(format, card.dueOn)}
              {overdue ? ` (${t("card.overdue")})` : null}
            </dd>
          </>
        ) : null}
        {card.kpiKey ? (
          <>
            <dt>{t("card.kpi")}</dt>
            <dd>
              <KpiLine card={card} currency={currency} current={kpiCurrent ? (kpiCurrent[card.kpiKey] ?? null) : undefined} />
            </dd>
          </>
        ) : null}
        {card.commentCount > 0 ? (
          <>
            <dt>{t("comments.title")}</dt>
            <dd>{t("card.comments", { count: card.commentCount })}</dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}
