"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import styles from "./dialog.module.css";

export interface DialogProps {
  /** The button that opens the dialog. */
  triggerLabel: string;
  title: string;
  /** The close button's accessible name ("Close"). */
  closeLabel: string;
  children: ReactNode;
}

/**
 * A modal dialog on the native <dialog> element: showModal() gives the focus trap, Escape to
 * close and the inert background; focus returns to the trigger on close. Labelled by its title.
 */
export function Dialog({ triggerLabel, title, closeLabel, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onClose = () => trigger.current?.focus();
    dialog.addEventListener("close", onClose);
    return () => dialog.removeEventListener("close", onClose);
  }, []);
  return (
    <>
      <button ref={trigger} type="button" className="btn" onClick={() => ref.current?.showModal()}>
        {triggerLabel}
      </button>
      <dialog ref={ref} className={styles.dialog} aria-labelledby={titleId}>
        <div className={styles.head}>
          <h2 id={titleId}>{title}</h2>
          <button type="button" className={`btn ${styles.close}`} aria-label={closeLabel} onClick={() => ref.current?.close()}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <div className={styles.body}>{children}</div>
      </dialog>
    </>
  );
}
