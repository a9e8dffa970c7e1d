// Comments, votes on comments, flags and blocks: see issue "Discussions and moderation".
export {};
