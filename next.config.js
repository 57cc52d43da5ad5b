/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The sync runtime's conditional fetches rely on ETags the route handlers compute themselves.
  generateEtags: false,
};

module.exports = nextConfig;
