import type { ReactNode } from "react";
import { FeedbackLink } from "@/components/feedback-link/feedback-link";
import { FilterForm, type FilterFormProps } from "@/components/filters/filter-form";

type Params = Record<string, string | string[] | undefined>;

/**
 * A report page's header (dashboard, SLA, content, closed loop): the title (`#page-title`, which
 * the page's section is labelled by), the page's own actions, and "Send feedback on this view"
 * carrying the view's URL state.
 */
export function ReportHeader({ title, path, searchParams, children }: { title: string; path: string; searchParams: Params; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1 id="page-title">{title}</h1>
      {children}
      <FeedbackLink path={path} searchParams={searchParams} />
    </header>
  );
}

/** A report page whose period or filters were refused: the header, the filter bar to fix them, and why. */
export function FiltersRefused({ header, filters, message, field }: { header: ReactNode; filters: FilterFormProps; message: string; field?: string }) {
  return (
    <section aria-labelledby="page-title">
      {header}
      <FilterForm {...filters} />
      <p className="form-error" role="alert" data-field={field}>
        {message}
      </p>
    </section>
  );
}
