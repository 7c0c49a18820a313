/**
 * Passwords and patterns people pick first, lowercased. Original and short on purpose: it stops the
 * guesses an attacker tries first, not every weak password (the length rule does the rest).
 * Compared after lowercasing, and again with digits, punctuation and spaces stripped from the end
 * ("Password2024!" counts as "password"); a base that repeats one of these ("adminadmin") counts too.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  // The classics and their leetspeak.
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'pass', 'passwort', 'motdepasse', 'contrasena', 'senha',
  'secret', 'changeme', 'default', 'letmein', 'welcome', 'welcome to', 'hello', 'hello world', 'helloworld',
  'iloveyou', 'i love you', 'trustno1', 'whatever', 'nothing', 'sunshine', 'princess', 'dragon', 'monkey',
  'football', 'baseball', 'cricket', 'master', 'shadow', 'superman', 'batman', 'starwars', 'freedom',
  'login', 'access', 'qwerty', 'azerty', 'qwertz', 'abc', 'abcd', 'test', 'testing', 'guest', 'user',
  'admin', 'administrator', 'root', 'toor', 'super user', 'superuser', 'correct horse battery staple',
  // This instance's own words, the first thing someone guessing here would try.
  'provisio', 'provisio demo', 'provisio-demo', 'aalco', 'aalco secretariat', 'secretariat', 'rapporteur',
  'chairperson', 'chair', 'delegate', 'observer', 'working group', 'model provisions', 'cybercrime',
])

/**
 * Runs along a keyboard row or a counting order: a password that is a piece of one of these, read
 * forwards or backwards ("123456789012", "qwertyuiopas", "zyxwvutsrqpo"), counts as common.
 */
export const SEQUENCES: readonly string[] = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
  '!@#$%^&*()_+',
]
