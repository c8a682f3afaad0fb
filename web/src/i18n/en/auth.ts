import type { Messages } from '../messages';

export const auth: Messages['auth'] = {
  title: 'Sign in to Fenghuo',
  intro: 'On-call and incident response console',
  email: 'E-mail',
  password: 'Password',
  submit: 'Sign in',
  submitting: 'Signing in…',
  required: 'Please fill this in',
  wrongPassword: 'The e-mail or password is not right.',
  rateLimited: 'Too many failed sign-ins. Please wait a while and try again.',
  signedOut: 'You are signed out.',
  sessionEnded: 'Your session has ended. Please sign in again.',
};

export const welcome: Messages['welcome'] = {
  title: 'Welcome to Fenghuo',
  intro: 'This is a new installation with only the first administrator. A few steps and it can take alerts and run incidents.',
  stepsLabel: 'Next steps',
  password: {
    title: '1. Change the administrator password',
    body: 'The first password was shown once, at first start. Replace it with one only you know.',
    newPassword: 'New password',
    repeat: 'Repeat it',
    hint: 'At least 8 characters',
    tooShort: 'The password needs at least 8 characters.',
    mismatch: 'The two passwords differ.',
    submit: 'Change password',
    saved: 'Password changed.',
    signInAgain: 'Password changed. Please sign in with the new one.',
    notAdmin: 'Only an administrator can change the password here.',
  },
  users: {
    title: '2. Add users',
    body: 'Create accounts for the people on call and give each a role (viewer, responder, admin).',
    link: 'Go to users',
  },
  service: {
    title: '3. Add a service',
    body: 'Register your systems and what they depend on: grading uses it to see how far an impact reaches.',
    link: 'Go to the catalog',
  },
  integration: {
    title: '4. Create an integration',
    body: 'Create a key for Alertmanager, Grafana or another alert source, and its alerts open incidents by themselves.',
    link: 'Go to integrations',
  },
  done: 'Done, go to Now',
};
