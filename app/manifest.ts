import type { MetadataRoute } from 'next';

/** The web app manifest (/manifest.webmanifest): what an installed Passion OS looks like. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Passion OS',
    short_name: 'Passion OS',
    description: 'Focus, plan and track your days — fresh on every device, and open offline.',
    start_url: '/today',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    background_color: '#fafaf9',
    theme_color: '#e04a12',
    categories: ['productivity'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    shortcuts: [
      { name: 'Focus', url: '/focus', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
      { name: 'Habits', url: '/habits', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
    ],
  };
}
