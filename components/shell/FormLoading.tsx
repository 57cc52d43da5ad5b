/** What shows for the moment a form's code loads (forms load on demand: they, and Zod, are not in the page's first load). */
export function FormLoading() {
  return (
    <p role="status" className="card text-sm text-stone-600">
      Opening the form…
    </p>
  );
}
