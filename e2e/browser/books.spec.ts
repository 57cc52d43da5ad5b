import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { signedInContext } from '../fixtures';

const LIST = '/api/books';

/** Compresses every contract duration in this context: the 2 min focus threshold becomes 120 s × scale. */
async function compressTime(context: BrowserContext, scale: number) {
  await context.addInitScript((s) => localStorage.setItem('pos:sync-time-scale', String(s)), scale);
}

function countListGets(page: Page): { count: () => number; reset: () => void } {
  let n = 0;
  page.on('request', (req) => {
    if (req.method() === 'GET' && new URL(req.url()).pathname === LIST) n += 1;
  });
  return {
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}

const leave = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('blur')));
const comeBack = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('focus')));

async function addBook(page: Page, title: string, author: string, pages: number) {
  await page.getByRole('button', { name: 'Add book' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Author').fill(author);
  await page.getByLabel('Pages').fill(String(pages));
  await page.getByRole('button', { name: 'Add book' }).click();
  await expect(page.getByRole('article', { name: title })).toBeVisible();
}

async function logReading(page: Page, title: string, pages: number, minutes: number) {
  const card = page.getByRole('article', { name: title });
  await card.getByRole('button', { name: `Log reading of ${title}` }).click();
  await card.getByLabel('Pages read').fill(String(pages));
  await card.getByLabel('Minutes').fill(String(minutes));
  await card.getByRole('button', { name: 'Log session' }).click();
  await expect(card.getByRole('button', { name: 'Log session' })).toHaveCount(0);
}

test('a person adds a book, logs reading, finishes it, reopens, edits and deletes it', async ({ context, page }) => {
  await signedInContext(context, 'books');
  await page.goto('/books');
  await expect(page.getByTestId('books-empty')).toBeVisible();

  await page.getByRole('button', { name: 'Add book' }).click();
  await page.getByLabel('Title').fill('The Hobbit');
  await page.getByRole('button', { name: 'Add book' }).click();
  await expect(page.getByText('Enter a number')).toBeVisible();
  await page.getByLabel('Author').fill('J. R. R. Tolkien');
  await page.getByLabel('Pages').fill('300');
  await page.getByRole('button', { name: 'Add book' }).click();

  const card = page.getByRole('article', { name: 'The Hobbit' });
  await expect(card.getByText('J. R. R. Tolkien')).toBeVisible();
  await expect(card.getByTestId('book-pages')).toHaveText('0 / 300 pages');
  await expect(card.getByTestId('book-reading')).toHaveText('Not started yet');

  await logReading(page, 'The Hobbit', 75, 40);
  await expect(card.getByTestId('book-pages')).toHaveText('75 / 300 pages');
  await expect(card.getByTestId('book-percent')).toHaveText('25%');
  await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');

  await card.getByRole('button', { name: 'Log reading of The Hobbit' }).click();
  await card.getByLabel('Pages read').fill('75');
  await card.getByLabel('Minutes').fill('35');
  await card.getByLabel('Date').fill('2026-01-02');
  await card.getByRole('button', { name: 'Log session' }).click();
  await expect(card.getByTestId('book-percent')).toHaveText('50%');
  await expect(card.getByTestId('book-reading')).toContainText('75 min over 2 sessions');

  await card.getByRole('button', { name: 'Mark complete' }).click();
  await expect(card.getByText(/^Finished /)).toBeVisible();
  await expect(card.getByTestId('book-percent')).toHaveText('100%');
  await page.reload();
  await expect(page.getByTestId('books-summary')).toHaveText('0 reading · 1 finished · 150 pages read');
  await page.getByRole('article', { name: 'The Hobbit' }).getByRole('button', { name: 'Reopen' }).click();
  await expect(page.getByRole('article', { name: 'The Hobbit' }).getByTestId('book-percent')).toHaveText('50%');

  await page.getByRole('button', { name: 'Edit The Hobbit' }).click();
  await page.getByLabel('Pages').fill('150');
  await page.getByRole('button', { name: 'Save book' }).click();
  await expect(page.getByRole('article', { name: 'The Hobbit' }).getByTestId('book-percent')).toHaveText('100%');

  await page.getByRole('button', { name: 'Delete The Hobbit' }).click();
  await page.getByRole('button', { name: 'Delete book' }).click();
  await expect(page.getByTestId('books-empty')).toBeVisible();
});

test('books do not refetch on focus while the add-book or log-session form is open, and do once it is closed', async ({ context, page }) => {
  // Three absences past the 3 s threshold, on a machine that may be busy.
  test.setTimeout(120_000);
  await signedInContext(context, 'books-focus');
  await compressTime(context, 0.025); // 2 min → 3 s
  await page.goto('/books');
  await addBook(page, 'Middlemarch', 'George Eliot', 800);
  const gets = countListGets(page);
  await page.waitForTimeout(500);
  gets.reset();

  await page.getByRole('button', { name: 'Add book' }).click();
  await leave(page);
  await page.waitForTimeout(4_000);
  await comeBack(page);
  await page.waitForTimeout(1_000);
  expect(gets.count()).toBe(0);

  // Closed past the staleness window, the page catches up once; then focus works as the contract says.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(gets.count).toBe(1);
  await leave(page);
  await page.waitForTimeout(4_000);
  await comeBack(page);
  await expect.poll(gets.count).toBe(2);

  await page.getByRole('button', { name: 'Log reading of Middlemarch' }).click();
  await leave(page);
  await page.waitForTimeout(4_000);
  await comeBack(page);
  await page.waitForTimeout(1_000);
  expect(gets.count()).toBe(2);
  await page.getByLabel('Pages read').fill('20');
  await page.getByLabel('Minutes').fill('15');
  await page.getByRole('button', { name: 'Log session' }).click();
  await expect(page.getByRole('article', { name: 'Middlemarch' }).getByTestId('book-pages')).toHaveText('20 / 800 pages');
  expect(gets.count()).toBe(3);
});
