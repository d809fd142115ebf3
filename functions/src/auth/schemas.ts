import { z } from "zod";

export const LoginBody = z.strictObject({
  email: z.email().max(320),
  password: z.string().min(1).max(4096),
});

export const RefreshBody = z.strictObject({
  refreshToken: z.string().min(1).max(4096),
});
