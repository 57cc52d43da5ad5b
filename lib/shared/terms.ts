import { CURRENT_TERMS_VERSION } from './terms-version';

export interface Terms {
  version: number;
  title: string;
  body: string;
}

/** The terms every user accepts before using the app; a new version asks everyone again. */
export const CURRENT_TERMS: Terms = {
  version: CURRENT_TERMS_VERSION,
  title: 'Passion OS terms of service',
  body: [
    'Passion OS keeps your focus sessions, plans, tasks, habits, books, moods and check-ins so you can use them on every device you sign in on.',
    'Your data is yours: it is never sold or shared, and it is only used to run the app for you. You can export or delete it at any time.',
    'Keep your password and API keys secret; anyone holding them can read and change your data.',
    'The service is provided as is, without warranty. We may publish new versions of these terms; you will be asked to accept each one before continuing.',
  ].join('\n\n'),
};
