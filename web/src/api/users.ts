import { api } from './client';
import type { ContactKind, ContactMethod, ImChannel, NotificationRule, Page, User } from './types';

export const getUser = (id: string, signal?: AbortSignal) => api.get<User>(`/users/${encodeURIComponent(id)}`, undefined, signal);
export const listUsers = (signal?: AbortSignal) => api.get<Page<User>>('/users', { limit: 200 }, signal);
export const updateUser = (
  id: string,
  changes: Partial<Pick<User, 'name' | 'email' | 'role' | 'locale' | 'timeZone'>> & { password?: string },
) => api.patch<User>(`/users/${encodeURIComponent(id)}`, changes);

// ---- settings: creating and disabling people, and anyone's contact methods and rules ----------
export const createUser = (
  body: Pick<User, 'email' | 'name' | 'role'> & Partial<Pick<User, 'locale' | 'timeZone'>> & { password?: string },
) => api.post<User>('/users', body);
/** The API "deletes" by disabling: history that names the person stays intact. */
export const disableUser = (id: string) => api.delete<User>(`/users/${encodeURIComponent(id)}`);
export const enableUser = (id: string) => api.patch<User>(`/users/${encodeURIComponent(id)}`, { disabled: false });

const contacts = (userId: string) => `/users/${encodeURIComponent(userId)}/contact-methods`;
export const listContactMethods = (userId: string, signal?: AbortSignal) =>
  api.get<Page<ContactMethod>>(contacts(userId), undefined, signal);
export const addContactMethod = (
  userId: string,
  body: { kind: ContactKind; label: string; address: string; channel?: ImChannel; secret?: string },
) => api.post<ContactMethod>(contacts(userId), body);
export const deleteContactMethod = (userId: string, methodId: string) =>
  api.delete<undefined>(`${contacts(userId)}/${encodeURIComponent(methodId)}`);

const rules = (userId: string) => `/users/${encodeURIComponent(userId)}/notification-rules`;
export const listNotificationRules = (userId: string, signal?: AbortSignal) =>
  api.get<Page<NotificationRule>>(rules(userId), undefined, signal);
export const setNotificationRules = (userId: string, list: { contactMethodId: string; delayMinutes: number }[]) =>
  api.put<Page<NotificationRule>>(rules(userId), list);
