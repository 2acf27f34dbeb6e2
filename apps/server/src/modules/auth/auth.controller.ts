import { LoginRequest, RefreshRequest, type AuthUser, type DemoLogins, type TokenPair } from '@msched/contracts';
import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Allow, CurrentPrincipal, Public } from '../../platform/auth/auth.decorators';
import type { Principal } from '../../platform/auth/principal';
import { zod } from '../../platform/http/zod-validation.pipe';
import { AuthService } from './auth.service';
import { DemoLoginsService } from './demo-logins.service';

@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly demoLogins: DemoLoginsService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body(zod(LoginRequest)) body: z.infer<typeof LoginRequest>, @Req() request: FastifyRequest): Promise<TokenPair> {
    return this.auth.login(body.email, body.password, request.ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body(zod(RefreshRequest)) body: z.infer<typeof RefreshRequest>): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Body(zod(RefreshRequest)) body: z.infer<typeof RefreshRequest>): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Public()
  @Get('demo-logins')
  demo(): Promise<DemoLogins> {
    return this.demoLogins.list();
  }

  @Allow('profile.read')
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Promise<AuthUser> {
    return this.auth.me(principal);
  }
}
