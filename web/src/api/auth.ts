import { api } from './client';
import type { Me, User } from './types';

export const signIn = (email: string, password: string) => api.post<{ user: User }>('/auth/login', { email, password });
export const signOut = () => api.post<undefined>('/auth/logout');
export const fetchMe = (signal?: AbortSignal) => api.get<Me>('/auth/me', undefined, signal);
