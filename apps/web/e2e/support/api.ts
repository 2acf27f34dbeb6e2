import { DEMO_PASSWORD } from './browser';

export interface LoggedInUser {
  id: string;
  email: string;
  roles: string[];
  technicianId?: string | null;
}

/** A small JSON client for setting up and checking what the browser did, straight against the API. */
export class ApiClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    readonly user: LoggedInUser,
  ) {}

  static async logIn(baseUrl: string, email: string): Promise<ApiClient> {
    const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`login of ${email} failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { accessToken: string; user: LoggedInUser };
    return new ApiClient(baseUrl, body.accessToken, body.user);
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}

/** The fields of the API's shapes the tests read. */
export interface WorkOrder {
  id: string;
  workOrderNumber: string;
  title: string;
  status: string;
  technicianId: string | null;
  scheduledStartTime: string | null;
  scheduledEndTime: string | null;
}

export interface Technician {
  id: string;
  employeeId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  active: boolean;
}

export interface Page<T> {
  data: T[];
  total: number;
}
